package org.seedplan.server;

import java.time.Clock;
import java.util.Set;

/**
 * How a server runs: where it listens, which reverse proxies it believes about TLS, and its clock
 * (tests inject one to pass the idle timeout).
 *
 * @param bind address to listen on (127.0.0.1 unless the server sits behind a proxy on another host)
 * @param port TCP port, 0 for any free port
 * @param trustedProxies addresses whose X-Forwarded-Proto/-Host headers are believed
 */
public record ServerConfig(String bind, int port, Set<String> trustedProxies, Clock clock) {

    /** Loopback on {@code port}, no proxy, the system clock. */
    public static ServerConfig local(int port) {
        return new ServerConfig("127.0.0.1", port, Set.of(), Clock.systemUTC());
    }

    /** The same with another clock. */
    public ServerConfig withClock(Clock c) {
        return new ServerConfig(bind, port, trustedProxies, c);
    }
}
