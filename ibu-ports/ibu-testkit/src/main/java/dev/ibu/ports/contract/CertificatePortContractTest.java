package dev.ibu.ports.contract;

import dev.ibu.ports.out.CertificatePort;
import io.vavr.control.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link CertificatePort} does: the earliest kubelet NotAfter, or none when nothing could be read. */
public abstract class CertificatePortContractTest {

    public interface Fixture {
        CertificatePort port();

        /** A stateroot with kubelet client and server certificates. */
        String staterootWithCertificates();

        /** The earliest NotAfter among them. */
        Instant earliestNotAfter();
    }

    protected abstract Fixture newFixture();

    private Fixture f;

    @BeforeEach
    void setUpFixture() {
        f = newFixture();
    }

    @Test
    void gives_the_earliest_not_after() {
        assertThat(f.port().earliestKubeletExpiry(f.staterootWithCertificates()).get())
                .isEqualTo(Option.some(f.earliestNotAfter()));
    }

    @Test
    void an_absent_stateroot_gives_none_not_an_error() {
        assertThat(f.port().earliestKubeletExpiry("rhcos_absent").get()).isEqualTo(Option.none());
    }
}
