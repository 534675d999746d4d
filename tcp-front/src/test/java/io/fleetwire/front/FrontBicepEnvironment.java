package io.fleetwire.front;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The front container's environment as {@code infra/modules/front.bicep} sets it: the container's
 * {@code env:} (a variable or a {@code concat} of variables), each variable an array of
 * {@code {name, value}} objects, or {@code condition ? [...] : []}. Values are string literals
 * (with {@code ${...}} interpolation), parameter or variable references, or {@code string(...)}
 * of one; parameters take the value a test gives, else their default in the file. Anything else
 * fails loudly, so a changed template is noticed here rather than read wrongly.
 */
final class FrontBicepEnvironment {
  static final Path FILE = Path.of("..", "infra", "modules", "front.bicep");
  private static final Pattern CONTAINER_ENV = Pattern.compile("(?m)^\\s*env:\\s*(.+?)\\s*$");
  private static final Pattern CONCAT = Pattern.compile("concat\\((.*)\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern ENTRY = Pattern.compile("\\{\\s*name:\\s*'([^']*)'\\s*value:\\s*(.+?)\\s*}", Pattern.DOTALL);
  private static final Pattern STRING_CALL = Pattern.compile("string\\((.+)\\)");
  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([^}]+)}");

  /** One {@code {name, value}} of the container's env; {@code condition} is null where it is always set. */
  record Entry(String name, String valueExpression, String condition) {
  }

  private final String text;
  private final List<Entry> entries;

  private FrontBicepEnvironment(String text) {
    this.text = text;
    this.entries = parseEntries();
  }

  static FrontBicepEnvironment read() {
    try {
      return new FrontBicepEnvironment(Files.readString(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
    }
  }

  List<Entry> entries() {
    return entries;
  }

  /** Every name the container's env can hold, conditional ones included. */
  List<String> names() {
    return entries.stream().map(Entry::name).toList();
  }

  /**
   * The environment a replica gets with these parameter values (others at their defaults);
   * conditional entries only where their condition is a variable the caller says is true.
   */
  Map<String, String> evaluate(Map<String, String> params, List<String> trueConditions) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Entry entry : entries) {
      if (entry.condition() == null || trueConditions.contains(entry.condition())) {
        env.put(entry.name(), value(entry.valueExpression(), params));
      }
    }
    return env;
  }

  private List<Entry> parseEntries() {
    Matcher env = CONTAINER_ENV.matcher(text);
    if (!env.find()) {
      throw new IllegalStateException(FILE + ": no env: in the container");
    }
    String expression = env.group(1);
    Matcher concat = CONCAT.matcher(expression);
    List<String> variables = new ArrayList<>();
    for (String part : (concat.matches() ? concat.group(1) : expression).split(",")) {
      String variable = part.strip();
      if (!IDENTIFIER.matcher(variable).matches()) {
        throw new IllegalStateException(FILE + ": env: " + expression + " is not a variable or a concat of variables");
      }
      variables.add(variable);
    }
    List<Entry> found = new ArrayList<>();
    for (String variable : variables) {
      found.addAll(arrayVariable(variable));
    }
    return List.copyOf(found);
  }

  private List<Entry> arrayVariable(String variable) {
    Matcher declaration = Pattern.compile("(?m)^var " + variable + " = (?:([A-Za-z_][A-Za-z0-9_]*) \\? )?\\[").matcher(text);
    if (!declaration.find()) {
      throw new IllegalStateException(FILE + ": var " + variable + " is not an array (or 'condition ? [...] : []')");
    }
    int start = declaration.end() - 1;
    String body = text.substring(start + 1, closingBracket(start));
    List<Entry> found = new ArrayList<>();
    Matcher entry = ENTRY.matcher(body);
    while (entry.find()) {
      found.add(new Entry(entry.group(1), entry.group(2), declaration.group(1)));
    }
    if (found.isEmpty()) {
      throw new IllegalStateException(FILE + ": var " + variable + " holds no {name, value} entries");
    }
    return found;
  }

  private int closingBracket(int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException(FILE + ": unbalanced [ at offset " + open);
  }

  private String value(String expression, Map<String, String> params) {
    String e = expression.strip();
    if (e.startsWith("'") && e.endsWith("'") && e.length() >= 2) {
      Matcher interpolation = INTERPOLATION.matcher(e.substring(1, e.length() - 1));
      StringBuilder out = new StringBuilder();
      while (interpolation.find()) {
        interpolation.appendReplacement(out, Matcher.quoteReplacement(value(interpolation.group(1), params)));
      }
      interpolation.appendTail(out);
      return out.toString();
    }
    if (e.matches("-?[0-9]+|true|false")) {
      return e;
    }
    Matcher string = STRING_CALL.matcher(e);
    if (string.matches()) {
      return value(string.group(1), params);
    }
    if (IDENTIFIER.matcher(e).matches()) {
      if (params.containsKey(e)) {
        return params.get(e);
      }
      Matcher declared = Pattern.compile("(?m)^(?:param " + e + " \\S+|var " + e + ") = (.+)$").matcher(text);
      if (declared.find()) {
        return value(declared.group(1), params);
      }
      throw new IllegalStateException(FILE + ": " + e + " has no default; the test must give its value");
    }
    throw new IllegalStateException(FILE + ": cannot evaluate the env value " + expression);
  }
}
