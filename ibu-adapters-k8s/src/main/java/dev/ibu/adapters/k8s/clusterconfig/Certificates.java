package dev.ibu.adapters.k8s.clusterconfig;

import io.vavr.control.Option;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** The subject CN of the first certificate in a PEM text (upstream decodes the first PEM block only). */
final class Certificates {
    private Certificates() {
    }

    /** None when the text holds no certificate that parses. */
    static Option<String> commonName(String pem) {
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            X509Certificate cert = (X509Certificate) f.generateCertificate(new ByteArrayInputStream(
                    pem.getBytes(StandardCharsets.US_ASCII)));
            String cn = "";
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return Option.some(cn);
        } catch (CertificateException | InvalidNameException | ClassCastException e) {
            return Option.none();
        }
    }
}
