package dev.ibu.agent.observability;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * How {@code /metrics} is served: on {@code address}, over TLS with the pair in {@code certDir} and authentication
 * and authorization ({@code secure}), or plain HTTP on loopback for local use.
 */
public record MetricsServing(InetSocketAddress address, boolean secure, Path certDir) {
}
