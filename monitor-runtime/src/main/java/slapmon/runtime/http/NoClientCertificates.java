package slapmon.runtime.http;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * The server's trust: no client certificate is asked for nor accepted. Given instead of the
 * default trust managers, which parse the JDK's 150 trusted certificates at every start; OpenSSL's
 * context (wildfly-openssl) refuses to start without a trust manager at all.
 */
final class NoClientCertificates implements X509TrustManager {
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this server accepts no client certificate");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this server's TLS context is never a client's");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
