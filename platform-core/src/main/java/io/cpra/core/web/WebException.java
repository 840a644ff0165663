package io.cpra.core.web;

/**
 * A request the web pages cannot answer: its HTTP status and a one-line reason that holds
 * nothing private (no host, URL or check message).
 */
final class WebException extends RuntimeException {

    private final int status;

    WebException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
