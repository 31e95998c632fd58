package dev.ibu.agent.ops;

import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.StaterootPort;
import io.vavr.control.Option;

/**
 * The ports {@code cleanup} works through: the host adapter's stateroots (none without {@code --host}/
 * {@code --sysroot}), the OADP adapter's backup cleanup and the IBU resource (none without a cluster).
 */
record CleanupPorts(Option<StaterootPort> stateroots, Option<BackupPort> backups, Option<IbuResourcePort> resource,
                    String hostDescription) {
}
