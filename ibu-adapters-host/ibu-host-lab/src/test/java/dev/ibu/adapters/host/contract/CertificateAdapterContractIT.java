package dev.ibu.adapters.host.contract;

import dev.ibu.adapters.host.support.HostLayout;
import dev.ibu.adapters.host.cert.CertificateAdapter;
import dev.ibu.adapters.host.process.ProcessRunner;
import dev.ibu.adapters.host.testing.RequireHostTools;
import dev.ibu.ports.contract.CertificatePortContractTest;
import dev.ibu.ports.out.CertificatePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;

/** The shared CertificatePort contract with openssl-made kubelet certificates in a temp stateroot. */
class CertificateAdapterContractIT extends CertificatePortContractTest {

    @TempDir
    Path tmp;

    @Override
    protected Fixture newFixture() {
        RequireHostTools.require("openssl");
        try {
            Path pki = Files.createDirectories(tmp.resolve("sysroot/ostree/deploy/rhcos/var/lib/kubelet/pki"));
            Instant client = cert(pki.resolve("kubelet-client-current.pem"), 5);
            Instant server = cert(pki.resolve("kubelet-server-current.pem"), 50);
            Instant earliest = client.isBefore(server) ? client : server;
            CertificateAdapter adapter = new CertificateAdapter(HostLayout.forSysroot(tmp.resolve("sysroot"), tmp.resolve("w")));
            return new Fixture() {
                @Override
                public CertificatePort port() {
                    return adapter;
                }

                @Override
                public String staterootWithCertificates() {
                    return "rhcos";
                }

                @Override
                public Instant earliestNotAfter() {
                    return earliest;
                }
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant cert(Path out, int days) {
        ProcessRunner run = ProcessRunner.local();
        run.runOk("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days",
            Integer.toString(days), "-subj", "/CN=kubelet", "-keyout", out + ".key", "-out", out.toString());
        String end = run.runOk("openssl", "x509", "-noout", "-enddate", "-in", out.toString()).stdout().strip();
        String v = end.substring(end.indexOf('=') + 1).replaceAll("\\s+", " ");
        return ZonedDateTime.parse(v, DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy zzz", Locale.ROOT)).toInstant();
    }
}
