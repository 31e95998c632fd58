package dev.ibu.adapters.host.ostree;

import dev.ibu.adapters.host.support.HostJobs;
import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.process.HostCommandException;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.support.AtomicFiles;
import dev.ibu.ports.out.Deployment;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.StaterootPort;
import dev.ibu.ports.out.StaterootSetup;
import io.vavr.control.Either;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** {@link StaterootPort} on a real ostree sysroot (host-and-image.md §3). */
public final class StaterootAdapter implements StaterootPort {

    private final OstreeCli ostree;
    private final ProcessRunner runner;
    private final HostLayout layout;
    private final StaterootSetupJob setupJob;
    private final HostJobs jobs;

    public StaterootAdapter(OstreeCli ostree, ProcessRunner runner, HostLayout layout, StaterootSetupJob setupJob,
                            HostJobs jobs) {
        this.ostree = ostree;
        this.runner = runner;
        this.layout = layout;
        this.setupJob = setupJob;
        this.jobs = jobs;
    }

    @Override
    public Either<PortFailure, HostStatus> status() {
        return attempt("read the ostree status", () -> toHostStatus(ostree.status()));
    }

    static HostStatus toHostStatus(List<OstreeDeployment> ds) {
        return new HostStatus(io.vavr.collection.List.ofAll(ds)
            .map(d -> new Deployment(d.index(), d.osname(), d.checksum(), d.serial(), d.booted())));
    }

    @Override
    public Either<PortFailure, Void> startSetup(StaterootSetup setup) {
        String sr = setup.staterootName();
        if (!OstreeCli.OSNAME.matcher(sr).matches()) {
            return Either.left(PortFailure.invalid("invalid stateroot name \"" + sr + "\": use letters, digits, '.', '_', '-'"));
        }
        Either<PortFailure, HostStatus> st = status();
        if (st.isLeft()) {
            return Either.left(st.getLeft());
        }
        if (st.get().bootedStateroot().contains(sr)) {
            return Either.left(PortFailure.invalid("stateroot " + sr + " is booted: setup cannot recreate it; "
                + "set spec.seedImageRef.version to the seed's (newer) version"));
        }
        Either<PortFailure, JobState> now = setupState(sr); // resumes a job whose runner died with an earlier agent
        if (now.isLeft()) {
            return Either.left(now.getLeft());
        }
        if (now.get() instanceof JobState.Running || now.get() instanceof JobState.Succeeded) {
            return Either.right(null);
        }
        // a clean slate: nothing of a failed or unrecorded earlier attempt may leak into the new stateroot
        Either<PortFailure, Void> cleaned = remove(sr);
        if (cleaned.isLeft()) {
            return cleaned;
        }
        return attempt("start the stateroot setup of " + sr, () -> {
            jobs.start(sr, SetupRequest.encode(setup), work(setup));
            return null;
        });
    }

    /**
     * The setup as a job. A resumed runner (its predecessor died with an earlier agent) first removes whatever that
     * one left half made: the stateroot's deployments and directory; the job itself skips the seed pull it finished.
     */
    private HostJobs.Work work(StaterootSetup setup) {
        return ctx -> {
            if (ctx.resumed()) {
                ctx.progress("removing what the interrupted setup left in stateroot " + setup.staterootName());
                removeStateroot(setup.staterootName());
            }
            setupJob.run(setup, ctx);
        };
    }

    /**
     * Upstream's isAfterPivot: the booted deployment belongs to {@code rhcos_<version>}, i.e. the node runs
     * the new release (false before the pivot and again after a rollback).
     */
    public Either<PortFailure, Boolean> isAfterPivot(String version) {
        String target = dev.ibu.domain.StaterootName.forVersion(version);
        return status().map(s -> s.bootedStateroot().contains(target));
    }

    @Override
    public Either<PortFailure, JobState> setupState(String staterootName) {
        if (!OstreeCli.OSNAME.matcher(staterootName).matches()) {
            return Either.left(PortFailure.invalid("invalid stateroot name \"" + staterootName + "\""));
        }
        return attempt("read the stateroot setup state",
            () -> jobs.state(staterootName, request -> work(SetupRequest.decode(request))));
    }

    @Override
    public Either<PortFailure, Void> setDefault(String staterootName) {
        return attempt("set stateroot " + staterootName + " as default", () -> {
            List<OstreeDeployment> st = ostree.status();
            OstreeDeployment d = st.stream().filter(x -> x.osname().equals(staterootName)).findFirst().orElse(null);
            if (d == null) {
                throw new MissingStateroot("unable to find deployment in stateroot: " + staterootName);
            }
            ostree.setDefault(d.index(), layout.workRoot());
            return null;
        });
    }

    @Override
    public Either<PortFailure, Void> remove(String sr) {
        if (!OstreeCli.OSNAME.matcher(sr).matches()) {
            return Either.left(PortFailure.invalid("invalid stateroot name \"" + sr + "\""));
        }
        return attempt("remove stateroot " + sr, () -> {
            refuseBooted(sr);
            jobs.forget(sr); // stops a runner of this process first: it must not recreate what is removed here
            removeStateroot(sr);
            return null;
        });
    }

    private void refuseBooted(String sr) {
        for (OstreeDeployment d : ostree.status()) {
            if (d.osname().equals(sr) && d.booted()) {
                throw new BootedStateroot("failed abort: deployment " + d.index() + " in stateroot " + sr
                    + " is booted; the booted stateroot cannot be removed: roll back or boot another stateroot first");
            }
        }
    }

    /** Undeploys the stateroot's deployments and deletes its directory (the booted one is refused). */
    private void removeStateroot(String sr) {
        refuseBooted(sr);
        List<OstreeDeployment> mine = ostree.status().stream().filter(d -> d.osname().equals(sr))
            .sorted(Comparator.comparingInt(OstreeDeployment::index).reversed()).toList();
        for (OstreeDeployment d : mine) {
            ostree.undeploy(d.index()); // highest index first: undeploy shifts the ones after it
        }
        boolean dirLeft = Files.exists(layout.staterootDir(sr));
        removeDir(sr);
        if (!mine.isEmpty() || dirLeft) {
            ostree.cleanup(); // also what a killed deploy left outside the stateroot (boot dirs, unreferenced objects)
        }
    }

    /** Upstream removes the dir in a private mount namespace, where /sysroot may be remounted rw. */
    private void removeDir(String sr) {
        Path dir = layout.staterootDir(sr);
        if (!Files.exists(dir)) {
            return;
        }
        if (layout.remountSysroot()) {
            String cmdDir = layout.commandSysroot() + "/ostree/deploy/" + sr;
            runner.runOk("unshare", "-m", "/bin/sh", "-c", "mount -o remount,rw /sysroot && rm -rf -- \"$1\"", "sh", cmdDir);
            return;
        }
        // deployment roots of half-made stateroots keep the immutable bit
        runner.run(List.of("chattr", "-R", "-f", "-i", layout.commandPath(dir)));
        AtomicFiles.deleteTree(dir);
    }

    private static final class BootedStateroot extends RuntimeException {
        BootedStateroot(String m) {
            super(m);
        }
    }

    private static final class MissingStateroot extends RuntimeException {
        MissingStateroot(String m) {
            super(m);
        }
    }

    private interface Body<T> {
        T get() throws Exception;
    }

    private static <T> Either<PortFailure, T> attempt(String what, Body<T> body) {
        try {
            return Either.right(body.get());
        } catch (BootedStateroot e) {
            return Either.left(PortFailure.invalid(e.getMessage()));
        } catch (MissingStateroot e) {
            return Either.left(PortFailure.notFound(e.getMessage()));
        } catch (HostCommandException e) {
            return Either.left(PortFailure.transientFailure("failed to " + what + ": " + e.getMessage()));
        } catch (Exception e) {
            return Either.left(PortFailure.transientFailure("failed to " + what + ": " + e.getMessage()));
        }
    }
}
