package slapmon.runtime.http;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's one key and certificate chain, handed to TLS as they are: a {@code KeyStore} in
 * between (PKCS#12) encrypts the key and decrypts it again with 10,000 rounds of PBKDF2 each way,
 * a tenth of a CPU-second of every start under the C1-only JIT, for a key that never leaves memory.
 * Offered for the handshakes whose key type is the key's algorithm (RSA, EC), as the JDK's own
 * key manager does.
 */
final class OneKeyManager extends X509ExtendedKeyManager {
  static final String ALIAS = "server";

  private final PrivateKey key;
  private final X509Certificate[] chain;

  OneKeyManager(PrivateKey key, X509Certificate[] chain) {
    this.key = key;
    this.chain = chain.clone();
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return alias(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return alias(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return alias(keyType) == null ? null : new String[] {ALIAS};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key : null;
  }

  /** A server key is never offered as a client's. */
  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return null;
  }

  private String alias(String keyType) {
    return key.getAlgorithm().equals(keyType) ? ALIAS : null;
  }
}
