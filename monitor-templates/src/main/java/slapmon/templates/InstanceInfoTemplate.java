package slapmon.templates;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import slapmon.config.ini.IniWriter;
import slapmon.config.settings.IpLiteral;
import slapmon.config.settings.MonitorSettings;
import slapmon.config.settings.SlapPartition;

/**
 * {@code etc/instance-info.conf} (SPEC §A.3.4): who the instance is, {@code [instance]}; what
 * SlapOS did not say is empty.
 */
final class InstanceInfoTemplate {
  private InstanceInfoTemplate() {}

  static String render(MonitorSettings settings) {
    SlapPartition slap = settings.partition();
    Map<String, String> instance = new LinkedHashMap<>();
    instance.put("name", settings.instance().monitorTitle());
    instance.put("root-name", settings.instance().rootInstanceTitle());
    instance.put("computer", slap.computerId().orElse(""));
    instance.put("ipv4", address(slap.ipv4()));
    instance.put("ipv6", address(slap.ipv6()));
    instance.put("software-release", slap.softwareRelease().orElse(""));
    instance.put("software-type", slap.softwareType().orElse(""));
    instance.put("partition", slap.partitionId().orElse(""));
    return IniWriter.write(Map.of("instance", instance));
  }

  private static String address(Optional<InetAddress> address) {
    return address.map(IpLiteral::format).orElse("");
  }
}
