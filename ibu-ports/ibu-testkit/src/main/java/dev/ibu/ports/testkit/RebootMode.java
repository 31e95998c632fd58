package dev.ibu.ports.testkit;

/** What {@link InMemoryHost#reboot(String)} does besides recording the request. */
public enum RebootMode {
    /**
     * The default. Only records the request and returns Right, like a real reboot the agent does not survive to see.
     * The engine can observe "reboot requested" ({@link InMemoryHost#rebootPending()}); the test then simulates the
     * boot with {@link InMemoryHost#completeReboot()} (and, typically, a fresh engine, as the agent restarts).
     */
    ON_COMPLETE_REBOOT,
    /** Boots the default deployment before {@code reboot} returns. */
    IMMEDIATE
}
