package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dispatches a request to the adapter method whose {@code @HttpTrigger} route matches its path, the
 * way the Functions host does: route templates below {@code /api/}, a trailing slash ignored,
 * {@code {name}} binds one segment and {@code {*name}} the rest; of two matching routes, the one whose
 * function name sorts first wins (the host orders routes by function name, not by specificity:
 * azure-functions-host issue 9876). Path values are passed to the {@code @BindingName} parameters.
 *
 * <p>The declared methods are not checked: the host would answer an undeclared method with its own
 * 404 before any adapter runs, while these tests check what the adapter answers for it.
 */
final class FunctionRoutes {
  private record Route(String function, String[] template, Object target, Method method) {
  }

  private final List<Route> routes = new ArrayList<>();

  FunctionRoutes(Object... adapters) {
    for (Object adapter : adapters) {
      for (Method method : adapter.getClass().getMethods()) {
        FunctionName name = method.getAnnotation(FunctionName.class);
        HttpTrigger trigger = trigger(method);
        if (name != null && trigger != null) {
          routes.add(new Route(name.value(), trigger.route().split("/"), adapter, method));
        }
      }
    }
    routes.sort(Comparator.comparing(Route::function));
  }

  /** Answers the request, or empty when no function's route matches its path. */
  Optional<HttpResponseMessage> dispatch(HttpRequestMessage<Optional<String>> request) {
    String path = request.getUri().getPath();
    if (!path.startsWith("/api/")) {
      return Optional.empty();
    }
    String rest = path.substring("/api/".length());
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    String[] segments = rest.split("/", -1);
    for (Route route : routes) {
      Map<String, String> values = match(route.template(), segments);
      if (values != null) {
        return Optional.of(invoke(route, request, values));
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> match(String[] template, String[] segments) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < template.length; i++) {
      String part = template[i];
      if (part.startsWith("{*")) {
        String remainder = i < segments.length ? String.join("/", List.of(segments).subList(i, segments.length)) : "";
        values.put(part.substring(2, part.length() - 1), remainder);
        return values;
      }
      if (i >= segments.length) {
        return null;
      }
      if (part.startsWith("{")) {
        if (segments[i].isEmpty()) {
          return null;
        }
        values.put(part.substring(1, part.length() - 1), segments[i]);
      } else if (!part.equalsIgnoreCase(segments[i])) {
        return null;
      }
    }
    return template.length == segments.length ? values : null;
  }

  private static HttpResponseMessage invoke(Route route, HttpRequestMessage<Optional<String>> request,
      Map<String, String> values) {
    Parameter[] parameters = route.method().getParameters();
    Object[] arguments = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      BindingName binding = parameters[i].getAnnotation(BindingName.class);
      arguments[i] = binding == null ? request : values.get(binding.value());
    }
    try {
      return (HttpResponseMessage) route.method().invoke(route.target(), arguments);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("function " + route.function() + " failed", e.getCause());
    }
  }

  private static HttpTrigger trigger(Method method) {
    for (Parameter parameter : method.getParameters()) {
      HttpTrigger trigger = parameter.getAnnotation(HttpTrigger.class);
      if (trigger != null) {
        return trigger;
      }
    }
    return null;
  }
}
