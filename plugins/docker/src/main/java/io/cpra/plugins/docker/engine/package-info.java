/**
 * A minimal HTTP/1.1 client over a unix-domain socket, enough for the Docker Engine API: one
 * request per connection ({@code Connection: close}), responses framed by
 * {@code Content-Length}, chunked transfer coding or the end of the stream, and every
 * blocking step bounded by the call's deadline. The face is
 * {@link io.cpra.plugins.docker.engine.UnixHttpClient}.
 */
package io.cpra.plugins.docker.engine;
