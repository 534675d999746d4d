package io.fleetwire.functions.access;

import java.util.List;
import java.util.Locale;

/** The least role each API route needs: reads need a viewer, commands and alerts an operator, the rest an admin. */
public final class RoutePrivilege {

  private RoutePrivilege() {
  }

  /** @param path the URL path including the {@code /api} prefix */
  public static Role required(String method, String path) {
    String verb = method.toUpperCase(Locale.ROOT);
    if (verb.equals("GET") || verb.equals("HEAD") || verb.equals("OPTIONS")) {
      return Role.viewer;
    }
    List<String> segments = List.of(path.replaceAll("^/+|/+$", "").split("/+"));
    boolean command = segments.size() >= 4 && segments.get(1).equals("devices") && segments.get(3).equals("commands");
    boolean alert = segments.size() >= 2 && segments.get(1).equals("alerts");
    return command || alert ? Role.operator : Role.admin;
  }

  /** True for methods that change state, which need a JSON body and a same-origin request. */
  public static boolean changesState(String method) {
    String verb = method.toUpperCase(Locale.ROOT);
    return !(verb.equals("GET") || verb.equals("HEAD") || verb.equals("OPTIONS"));
  }
}
