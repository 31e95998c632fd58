package dev.ibu.ports.testkit;

import dev.ibu.ports.contract.CertificatePortContractTest;
import dev.ibu.ports.out.CertificatePort;

import java.time.Instant;

class InMemoryCertificatePortContractTest extends CertificatePortContractTest {
    @Override
    protected Fixture newFixture() {
        InMemoryHost host = new InMemoryHost();
        return new Fixture() {
            @Override
            public CertificatePort port() {
                return host;
            }

            @Override
            public String staterootWithCertificates() {
                return InMemoryHost.DEFAULT_BOOTED;
            }

            @Override
            public Instant earliestNotAfter() {
                return InMemoryHost.DEFAULT_KUBELET_EXPIRY;
            }
        };
    }
}
