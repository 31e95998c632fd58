package dev.ibu.adapters.host.cert;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.ports.out.CertificatePort;
import dev.ibu.ports.out.PortFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificate expiry in a (not booted) stateroot (stage-machine.md §4.10): the kubelet's client and
 * server certificates, with symlinks re-rooted inside the stateroot, and optionally the control-plane
 * certificates under its {@code /etc/kubernetes}. Unreadable files are skipped; private keys in the
 * same PEM files are never decoded or logged.
 */
public final class CertificateAdapter implements CertificatePort {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateAdapter.class);
    static final List<String> KUBELET = List.of("lib/kubelet/pki/kubelet-client-current.pem",
        "lib/kubelet/pki/kubelet-server-current.pem");
    /** rollbackAvailabilityExpiration is the earliest NotAfter minus this margin. */
    public static final Duration MARGIN = Duration.ofMinutes(30);
    private static final Pattern PEM = Pattern.compile(
        "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

    private final HostLayout layout;

    public CertificateAdapter(HostLayout layout) {
        this.layout = layout;
    }

    @Override
    public Either<PortFailure, Option<Instant>> earliestKubeletExpiry(String stateroot) {
        Path var = layout.staterootVar(stateroot);
        List<Instant> all = new ArrayList<>();
        for (String rel : KUBELET) {
            resolveInStateroot(var, var.resolve(rel)).ifPresent(p -> all.addAll(notAfters(p)));
        }
        return Either.right(Option.ofOptional(all.stream().min(Instant::compareTo)));
    }

    /** The earliest NotAfter of every {@code *.crt} under {@code <deploymentDir>/etc/kubernetes}. */
    public Option<Instant> earliestControlPlaneExpiry(Path deploymentDir) {
        Path root = deploymentDir.resolve("etc/kubernetes");
        if (!Files.isDirectory(root)) {
            return Option.none();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return Option.ofOptional(s.filter(p -> p.toString().endsWith(".crt") && Files.isRegularFile(p))
                .flatMap(p -> notAfters(p).stream()).min(Instant::compareTo));
        } catch (IOException e) {
            LOG.warn("cannot scan {} for certificates: {}", root, e.getMessage());
            return Option.none();
        }
    }

    /** rollbackAvailabilityExpiration for an earliest NotAfter (stage-machine.md §4.10). */
    public static Instant rollbackAvailabilityExpiration(Instant earliestNotAfter) {
        return earliestNotAfter.minus(MARGIN);
    }

    /** Follows symlinks the way they resolve once the stateroot is booted: "/var/..." means the stateroot's var. */
    static Optional<Path> resolveInStateroot(Path var, Path p) {
        Path cur = p;
        for (int hops = 0; hops < 16; hops++) {
            if (!Files.isSymbolicLink(cur)) {
                return Files.isRegularFile(cur) ? Optional.of(cur) : Optional.empty();
            }
            try {
                Path target = Files.readSymbolicLink(cur);
                if (target.isAbsolute()) {
                    if (!target.startsWith("/var")) {
                        return Optional.empty(); // outside the stateroot's var: not ours to read
                    }
                    cur = var.resolve(Path.of("/var").relativize(target).toString()).normalize();
                } else {
                    cur = cur.getParent().resolve(target).normalize();
                }
                if (!cur.startsWith(var)) {
                    return Optional.empty();
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static List<Instant> notAfters(Path pemFile) {
        List<Instant> out = new ArrayList<>();
        try {
            String text = Files.readString(pemFile, StandardCharsets.US_ASCII);
            Matcher m = PEM.matcher(text);
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                X509Certificate c = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
                out.add(c.getNotAfter().toInstant());
            }
        } catch (IOException | CertificateException | IllegalArgumentException e) {
            LOG.info("skipping unreadable certificate file {}: {}", pemFile, e.getClass().getSimpleName());
        }
        return out;
    }

}
