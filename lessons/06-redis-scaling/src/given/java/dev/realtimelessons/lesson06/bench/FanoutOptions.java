package dev.realtimelessons.lesson06.bench;

import picocli.CommandLine.Option;

/**
 * The command-line options of a {@link Fanout} benchmark, shared by lesson 06's and lesson 07's as a picocli mixin.
 */
public final class FanoutOptions {

    @Option(names = "--receivers", description = "Receivers in the room (default: ${DEFAULT-VALUE}).")
    int receivers = 200;

    @Option(names = "--messages", description = "Messages published per part (default: ${DEFAULT-VALUE}).")
    int messages = 400;

    @Option(names = "--rate", description = "Messages per second in the steady part (default: ${DEFAULT-VALUE}).")
    int rate = 200;

    /** @return the measurement these options describe */
    public Fanout fanout() {
        return new Fanout(receivers, messages, rate);
    }
}
