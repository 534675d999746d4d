package io.fleetwire.azure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Azure SDK types never leak out of this module: every other module talks to Azure through the
 * ports in contract, so the local stack runs without any cloud SDK and a newcomer finds each
 * adapter in one folder.
 */
class AzureSdkConfinementTest {
  private static final Pattern AZURE_IMPORT = Pattern.compile("^import\\s+(static\\s+)?com\\.azure\\.", Pattern.MULTILINE);

  @Test
  void noSourceOutsideTheAzureModuleImportsAnAzureSdk() throws IOException {
    Path repo = Path.of("").toAbsolutePath().getParent();
    assertTrue(Files.exists(repo.resolve("pom.xml")) && Files.isDirectory(repo.resolve("azure")),
        "tests run in the azure module folder of the repository, got " + repo);
    List<String> offenders;
    try (Stream<Path> files = Files.walk(repo)) {
      offenders = files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !repo.relativize(p).startsWith("azure"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))
          .filter(AzureSdkConfinementTest::importsAzure)
          .map(p -> repo.relativize(p).toString())
          .sorted()
          .toList();
    }
    assertEquals(List.of(), offenders, "these files import com.azure outside azure/");
  }

  private static boolean importsAzure(Path file) {
    try {
      return AZURE_IMPORT.matcher(Files.readString(file)).find();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
