package io.fleetwire.front.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fleetwire.testsupport.LeakGuard;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Regression mode of the fuzz targets: every input in {@code src/test/resources/fuzz/} (the
 * documentation's examples and every finding of {@code scripts/fuzz.sh}) runs through its target
 * in each build; a target throws on any broken invariant.
 */
class FuzzCorpusTest {

  @AfterAll
  static void noBufferLeaked() {
    LeakGuard.global().assertNoLeaks();
  }

  @TestFactory
  Stream<DynamicTest> decoderCorpusKeepsDecoderInvariants() throws Exception {
    return replay("decoder", DecoderFuzzTarget::fuzzerTestOneInput);
  }

  @TestFactory
  Stream<DynamicTest> pipelineCorpusKeepsPipelineInvariants() throws Exception {
    return replay("pipeline", PipelineFuzzTarget::fuzzerTestOneInput);
  }

  private static Stream<DynamicTest> replay(String target, Consumer<byte[]> fuzzTarget)
      throws IOException, URISyntaxException {
    Path dir = Path.of(FuzzCorpusTest.class.getResource("/fuzz/" + target).toURI());
    List<Path> inputs;
    try (Stream<Path> files = Files.list(dir)) {
      inputs = files.filter(Files::isRegularFile).sorted().toList();
    }
    assertFalse(inputs.isEmpty(), "no corpus in " + dir);
    return inputs.stream().map(input -> DynamicTest.dynamicTest(target + "/" + input.getFileName(),
        () -> fuzzTarget.accept(Files.readAllBytes(input))));
  }
}
