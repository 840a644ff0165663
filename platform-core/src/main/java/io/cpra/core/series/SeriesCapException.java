package io.cpra.core.series;

/** The configured groups hold more monitors than {@code max-series} allows; the message is one line naming the key. */
public final class SeriesCapException extends RuntimeException {

    SeriesCapException(String message) {
        super(message);
    }
}
