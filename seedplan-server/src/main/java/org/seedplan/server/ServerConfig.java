package org.seedplan.server;

import java.time.Clock;
import java.util.Set;

/**
 * How a server runs: where it listens, which reverse proxies it believes about TLS, its clock
 * (tests inject one to pass the idle timeout) and its de-identification rule for aggregates.
 *
 * @param bind address to listen on (127.0.0.1 unless the server sits behind a proxy on another host)
 * @param port TCP port, 0 for any free port
 * @param trustedProxies addresses whose X-Forwarded-Proto/-Host headers are believed
 * @param minCellSize small-cell suppression of the dashboard's aggregates: a group of fewer patients shows its count as
 *                    "&lt; k" and no values ({@link #DEFAULT_MIN_CELL_SIZE} unless set; 1 = none)
 */
public record ServerConfig(String bind, int port, Set<String> trustedProxies, Clock clock, int minCellSize) {

    /** The default k of small-cell suppression. */
    public static final int DEFAULT_MIN_CELL_SIZE = 5;

    public ServerConfig {
        if (minCellSize < 1) {
            throw new IllegalArgumentException("minimum cell size " + minCellSize + "; fix: give a whole number ≥ 1 (1 = no suppression)");
        }
    }

    /** A server with the default small-cell size. */
    public ServerConfig(String bind, int port, Set<String> trustedProxies, Clock clock) {
        this(bind, port, trustedProxies, clock, DEFAULT_MIN_CELL_SIZE);
    }

    /** Loopback on {@code port}, no proxy, the system clock. */
    public static ServerConfig local(int port) {
        return new ServerConfig("127.0.0.1", port, Set.of(), Clock.systemUTC());
    }

    /** The same with another clock. */
    public ServerConfig withClock(Clock c) {
        return new ServerConfig(bind, port, trustedProxies, c, minCellSize);
    }

    /** The same with another small-cell size. */
    public ServerConfig withMinCellSize(int k) {
        return new ServerConfig(bind, port, trustedProxies, clock, k);
    }
}
