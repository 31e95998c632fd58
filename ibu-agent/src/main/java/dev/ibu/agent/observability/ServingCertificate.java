package dev.ibu.agent.observability;

import io.fabric8.kubernetes.client.internal.CertUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;

/**
 * The metrics server's certificate from {@code tls.crt} and {@code tls.key} in a directory (the service CA's serving
 * certificate Secret mounted there), PEM, RSA (PKCS#1 or #8) or EC keys: fabric8's {@link CertUtils} reads them, as it
 * reads kubeconfig client keys. When the files change (the service CA rotates the certificate) the next TLS
 * handshake after {@code recheck} uses the new pair; a pair that cannot be read is logged and the old one kept.
 */
public final class ServingCertificate extends X509ExtendedKeyManager {
    public static final String CERT = "tls.crt";
    public static final String KEY = "tls.key";
    private static final Logger LOG = LoggerFactory.getLogger(ServingCertificate.class);
    private static final char[] PASS = "ibu".toCharArray();

    /** {@code previous}: the pair before the last reload, for a handshake that chose its alias just before it. */
    private record Loaded(X509ExtendedKeyManager keys, X509ExtendedKeyManager previous, Object stamp,
            long checkedAt) {
    }

    private final Path cert;
    private final Path key;
    private final Duration recheck;
    private volatile Loaded current;

    private ServingCertificate(Path dir, Duration recheck) throws IOException {
        this.cert = dir.resolve(CERT);
        this.key = dir.resolve(KEY);
        this.recheck = recheck;
        X509ExtendedKeyManager first = read();
        Object stamp = stamp();
        this.current = new Loaded(first, first, stamp, System.nanoTime());
    }

    /** Reads {@code dir/tls.crt} and {@code dir/tls.key}; the message of the exception names the file and the fix. */
    public static ServingCertificate load(Path dir, Duration recheck) throws IOException {
        return new ServingCertificate(dir, recheck);
    }

    /** A TLS server context that serves this certificate. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {this}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The certificate now served (tests, logs). */
    public X509Certificate certificate() {
        X509ExtendedKeyManager k = keys();
        return k.getCertificateChain(k.getServerAliases("RSA", null) != null ? k.getServerAliases("RSA", null)[0]
                : k.getServerAliases("EC", null)[0])[0];
    }

    private X509ExtendedKeyManager keys() {
        Loaded l = current;
        long now = System.nanoTime();
        if (now - l.checkedAt() < recheck.toNanos()) {
            return l.keys();
        }
        synchronized (this) {
            l = current;
            try {
                Object stamp = stamp();
                if (Objects.equals(stamp, l.stamp())) {
                    current = new Loaded(l.keys(), l.previous(), l.stamp(), now);
                } else {
                    current = new Loaded(read(), l.keys(), stamp, now);
                    LOG.info("metrics: serving the new certificate from {}", cert);
                }
            } catch (IOException | RuntimeException e) {
                current = new Loaded(l.keys(), l.previous(), l.stamp(), now);
                LOG.warn("metrics: cannot read the changed certificate ({}); still serving the previous one",
                        e.getMessage());
            }
            return current.keys();
        }
    }

    private Object stamp() throws IOException {
        FileTime c = Files.getLastModifiedTime(cert);
        FileTime k = Files.getLastModifiedTime(key);
        // a Secret volume swaps a symlink: sizes and contents change even when times do not
        return java.util.List.of(c, k, Files.size(cert), Files.size(key),
                java.util.Arrays.hashCode(Files.readAllBytes(cert)));
    }

    private X509ExtendedKeyManager read() throws IOException {
        for (Path p : new Path[] {cert, key}) {
            if (!Files.isReadable(p)) {
                throw new IOException(p + " cannot be read: mount the serving certificate Secret (tls.crt, tls.key) "
                        + "at --metrics-cert-dir, or serve plain HTTP on loopback with --metrics-secure=false");
            }
        }
        String pem = Files.readString(key, StandardCharsets.US_ASCII);
        String algorithm = pem.contains("EC PRIVATE KEY") ? "EC" : "RSA";
        try (InputStream c = Files.newInputStream(cert); InputStream k = Files.newInputStream(key)) {
            KeyStore store = CertUtils.createKeyStore(c, k, algorithm, PASS, null, PASS);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, PASS);
            for (KeyManager m : kmf.getKeyManagers()) {
                if (m instanceof X509ExtendedKeyManager) {
                    return (X509ExtendedKeyManager) m;
                }
            }
            throw new IOException("no X.509 key manager for " + cert);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("cannot read the certificate " + cert + " and key " + key + " (PEM, RSA or EC): "
                    + e.getMessage() + "; give the files of a kubernetes.io/tls Secret", e);
        }
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return keys().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return keys().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return keys().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return keys().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return keys().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        X509Certificate[] chain = keys().getCertificateChain(alias);
        return chain != null ? chain : current.previous().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        PrivateKey k = keys().getPrivateKey(alias);
        return k != null ? k : current.previous().getPrivateKey(alias);
    }
}
