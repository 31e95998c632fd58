package dev.ibu.adapters.host.cert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.testing.RequireHostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real certificates made with openssl, laid out like a kubelet's pki dir (symlinks included). */
class CertificateAdapterIT {

    @TempDir
    Path tmp;

    private final ProcessRunner run = ProcessRunner.local();

    private Instant makeCert(Path out, int days) throws Exception {
        Path key = tmp.resolve("k-" + days + ".pem");
        run.runOk("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-days", Integer.toString(days), "-subj", "/CN=system:node:test", "-keyout", key.toString(), "-out", out.toString());
        String end = run.runOk("openssl", "x509", "-noout", "-enddate", "-in", out.toString()).stdout().strip();
        // notAfter=Nov 26 21:40:00 2026 GMT
        String v = end.substring(end.indexOf('=') + 1).replaceAll("\\s+", " ");
        Instant notAfter = ZonedDateTime.parse(v, DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy zzz", Locale.ROOT)).toInstant();
        Files.writeString(out, Files.readString(out) + Files.readString(key)); // kubelet keeps key and cert together
        return notAfter;
    }

    @Test
    void earliest_not_after_across_client_and_server_following_re_rooted_symlinks() throws Exception {
        RequireHostTools.require("openssl");
        Path var = tmp.resolve("sysroot/ostree/deploy/rhcos/var");
        Path pki = var.resolve("lib/kubelet/pki");
        Files.createDirectories(pki);
        Instant client = makeCert(pki.resolve("kubelet-client-2026.pem"), 3);
        Instant server = makeCert(pki.resolve("kubelet-server-2026.pem"), 30);
        Files.createSymbolicLink(pki.resolve("kubelet-client-current.pem"), Path.of("/var/lib/kubelet/pki/kubelet-client-2026.pem"));
        Files.createSymbolicLink(pki.resolve("kubelet-server-current.pem"), Path.of("kubelet-server-2026.pem"));

        CertificateAdapter certs = new CertificateAdapter(HostLayout.forSysroot(tmp.resolve("sysroot"), tmp.resolve("w")));
        assertThat(certs.earliestKubeletExpiry("rhcos").get()).contains(client);
        assertThat(client).isBefore(server);
        assertThat(CertificateAdapter.rollbackAvailabilityExpiration(client)).isEqualTo(client.minus(Duration.ofMinutes(30)));

        Files.delete(pki.resolve("kubelet-client-current.pem"));
        assertThat(certs.earliestKubeletExpiry("rhcos").get()).contains(server);
        assertThat(certs.earliestKubeletExpiry("absent").get()).isEmpty();
    }

    @Test
    void symlink_leaving_the_stateroot_is_not_followed() throws Exception {
        Path var = tmp.resolve("var");
        Files.createDirectories(var.resolve("lib"));
        Files.writeString(tmp.resolve("outside.pem"), "x");
        Files.createSymbolicLink(var.resolve("lib/a.pem"), Path.of("../../outside.pem"));
        Files.createSymbolicLink(var.resolve("lib/b.pem"), Path.of("/etc/ssl/certs/ca-certificates.crt"));
        assertThat(CertificateAdapter.resolveInStateroot(var, var.resolve("lib/a.pem"))).isEmpty();
        assertThat(CertificateAdapter.resolveInStateroot(var, var.resolve("lib/b.pem"))).isEmpty();
    }

    @Test
    void control_plane_certificates_under_etc_kubernetes() throws Exception {
        RequireHostTools.require("openssl");
        Path dep = tmp.resolve("dep");
        Path dir = dep.resolve("etc/kubernetes/static-pod-resources/kube-apiserver-certs/secrets/x");
        Files.createDirectories(dir);
        Instant early = makeCert(dir.resolve("tls.crt"), 2);
        makeCert(dep.resolve("etc/kubernetes/other.crt"), 9);
        assertThat(new CertificateAdapter(HostLayout.forSysroot(tmp, tmp)).earliestControlPlaneExpiry(dep)).contains(early);
    }
}
