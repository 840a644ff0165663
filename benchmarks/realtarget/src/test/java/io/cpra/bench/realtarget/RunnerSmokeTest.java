package io.cpra.bench.realtarget;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One short run of the whole rig — nginx, the tarpit, the assembled distribution — with every
 * kind of target. It checks the runner's mechanics, not cpra's figures: the log is read, every
 * group is judged, the JSON line is written, and nothing the run started outlives it.
 *
 * <p>Not part of {@code ./mvnw verify}: it needs nginx and a quiet minute. Run it with
 * {@code ./mvnw -B -pl benchmarks/realtarget test -Drealtarget.smoke=true -Dtest=RunnerSmokeTest}.
 */
@EnabledIfSystemProperty(named = "realtarget.smoke", matches = "true")
class RunnerSmokeTest {

    @Test
    void aShortSlowScenarioRunsAndLeavesNothingBehind(@TempDir Path work) throws IOException {
        Path results = work.resolve("results.jsonl");
        Options options = Options.parse(new String[] {"--scenario=slow", "--quick", "--monitors=30", "--bystanders=20",
                "--warmup=4s", "--duration=5s", "--java-opts=-Xmx512m", "--work=" + work, "--results=" + results,
                "--dist=" + System.getProperty("cpra.dist")});
        Preset.Plan plan = Preset.of(options.scenario()).plan(options);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Report report = RealTargetRunner.run(plan, options, new PrintStream(progress, true, StandardCharsets.UTF_8));
        report.append(results);

        assertThat(report.verdicts()).extracting(Verdict::check)
                .anyMatch(check -> check.startsWith("s… "))
                .anyMatch(check -> check.startsWith("h… "))
                .anyMatch(check -> check.startsWith("closed-port monitors red"));
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).hasSize(1);
        try (JsonReader reader = Json.createReader(new StringReader(lines.get(0)))) {
            JsonObject run = reader.readObject();
            assertThat(run.getString("scenario")).isEqualTo("slow");
            assertThat(run.getJsonArray("ground_truth")).hasSize(2);
            assertThat(run.getJsonObject("events").getInt("closed_monitors")).isEqualTo(1_000);
        }
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(work.toString())))
                .as("processes of the run still alive").isEmpty();
        try (var left = Files.list(work)) {
            assertThat(left.toList()).as("the run's folder is removed").containsExactly(results);
        }
    }
}
