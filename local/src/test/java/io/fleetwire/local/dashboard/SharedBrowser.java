package io.fleetwire.local.dashboard;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives every dashboard test class the same headless browser (starting Chromium is the slow
 * part), started on first use and closed when the whole test run ends.
 * Use: {@code @ExtendWith(SharedBrowser.class)} and a {@link Browser} parameter on {@code @BeforeAll}.
 */
public final class SharedBrowser implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedBrowser.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Browser.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .computeIfAbsent("browser", key -> Browser.start(1280, 800), Browser.class);
  }
}
