package io.cpra.bench.realtarget;

/**
 * Where the targets listen, all on 127.0.0.1.
 *
 * @param main    nginx's keep-alive server: {@code /ok}, {@code /slow} and {@code /tcp}
 * @param closing nginx's server that closes each connection after N requests
 * @param closed  a port nothing listens on
 */
record Endpoints(int main, int closing, int closed) {

    static final String HOST = "127.0.0.1";
}
