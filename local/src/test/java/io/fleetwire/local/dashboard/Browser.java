package io.fleetwire.local.dashboard;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * Headless Debian Chromium driven through its own chromedriver: never a downloaded browser.
 *
 * <p>Paths come from the system properties {@code fleetwire.chromium} and
 * {@code fleetwire.chromedriver} (defaults {@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}).
 * The browser console (every level) is collected for {@link #severeConsoleErrors()}; screenshots go
 * to {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(Browser.class);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;
  private final List<LogEntry> console = new ArrayList<>();

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a fresh headless browser (its own temporary profile) with a viewport of this size. */
  public static Browser start(int width, int height) {
    return start(width, height, false);
  }

  /**
   * As {@link #start(int, int)}; with {@code recordNetwork} Chrome's DevTools events (network
   * requests and their sizes on the wire) are kept for {@link #devToolsEvents()}.
   */
  public static Browser start(int width, int height, boolean recordNetwork) {
    Path chromium = Path.of(System.getProperty("fleetwire.chromium", "/usr/bin/chromium"));
    Path chromedriver = Path.of(System.getProperty("fleetwire.chromedriver", "/usr/bin/chromedriver"));
    if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
      throw new IllegalStateException("Browser tests need " + chromium + " and " + chromedriver
          + ": install Debian's packages with 'apt-get install -y chromium chromium-driver'");
    }
    // Selenium passes SE_* properties to Selenium Manager: it must never fetch a browser or driver.
    System.setProperty("SE_OFFLINE", "true");
    Path profile;
    try {
      profile = Files.createTempDirectory("fleetwire-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a browser profile directory", e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage",
        "--disable-extensions", "--no-first-run", "--hide-scrollbars",
        "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    if (recordNetwork) {
      logging.enable(LogType.PERFORMANCE, Level.ALL);
    }
    options.setCapability("goog:loggingPrefs", logging);
    System.setProperty("webdriver.chrome.driver", chromedriver.toString());
    Browser browser = new Browser(new ChromeDriver(options), profile);
    browser.driver.manage().timeouts().scriptTimeout(DEFAULT_WAIT);
    browser.viewport(width, height);
    return browser;
  }

  public WebDriver driver() {
    return driver;
  }

  /** Sets the page's viewport exactly (phone widths emulate a mobile device). */
  public void viewport(int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
  }

  public void open(String url) {
    driver.get(url);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public Object script(String javascript, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(javascript, args);
  }

  /** Runs a script that ends by calling {@code arguments[arguments.length - 1]} with its result. */
  public Object asyncScript(String javascript, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(javascript, args);
  }

  public <T> T waitUntil(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, DEFAULT_WAIT).withMessage(what).until(condition);
  }

  /** Every console entry since the browser started. */
  public List<LogEntry> consoleEntries() {
    console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
    return List.copyOf(console);
  }

  /** Forgets the console so far: what follows is judged on its own. */
  public void clearConsole() {
    consoleEntries();
    console.clear();
  }

  /**
   * The DevTools events since the last call, each the JSON text Chrome logs
   * ({@code {"message":{"method":"Network.loadingFinished","params":{...}}}}); only for a browser
   * started to record the network.
   */
  public List<String> devToolsEvents() {
    return driver.manage().logs().get(LogType.PERFORMANCE).getAll().stream().map(LogEntry::getMessage).toList();
  }

  public List<String> severeConsoleErrors() {
    return consoleEntries().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** Saves the viewport as {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save screenshot " + name, e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteProfile();
    }
  }

  private void deleteProfile() {
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not delete browser profile {}", profile, e);
    }
  }
}
