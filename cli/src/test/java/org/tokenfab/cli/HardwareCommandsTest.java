package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog and roofline commands as a user sees them. */
class HardwareCommandsTest {
    @TempDir
    Path tmp;


    @Test
    void catalogListsEveryKindAndShowsSources() {
        Cli all = Cli.exec("catalog");
        assertThat(all.code()).isZero();
        assertThat(all.out()).contains("accelerators:", "h100-sxm", "groq-lpu", "models:", "deepseek-v3", "systems:", "gb200-nvl72");

        Cli accelerators = Cli.exec("catalog", "accelerators");
        assertThat(accelerators.out()).contains("b200", "hbm3e", "2250", "4500", "9000"); // B200 dense bf16/fp8/fp4 TFLOP/s

        Cli one = Cli.exec("catalog", "acc", "h100-sxm");
        assertThat(one.code()).isZero();
        assertThat(one.out()).contains("memory_bandwidth_tb_s", "3.35", "dense_peak_tflops.bf16", "989", "high", "[S3]");

        Cli model = Cli.exec("catalog", "models", "deepseek-v3");
        assertThat(model.out()).contains("mla", "256 experts", "70,272 bytes/token", "mla.kv_lora_rank", "512",
                // 669,173,061,120 block weights at 2, 1 and 0.5625 B; the 1,853,358,080 of embedding and LM head in BF16
                "weights: 1342.1 GB in bf16 · 672.9 GB in fp8 · 380.1 GB in fp4");

        assertThat(Cli.exec("catalog", "systems", "gb200-nvl72").out()).contains("72 x gb200", "node_overhead_w");
    }

    @Test
    void catalogErrorsSuggest() {
        Cli o = Cli.exec("catalog", "accelerators", "h100");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("unknown accelerator 'h100' (did you mean 'h100-sxm'?)");
        assertThat(Cli.exec("catalog", "gpus").err()).contains("unknown kind; allowed: accelerators, models, systems");
    }

    @Test
    void rooflineShowsTheMemoryWallAndWritesCsv() throws IOException {
        Cli o = Cli.exec("roofline", "--accelerator", "h100-sxm", "--model", "llama-3.1-8b", "--out", tmp.toString(),
                "--batches", "1,64,512", "--contexts", "128,8192");
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("ridge point 295 FLOP/byte", "decode becomes compute-bound at batch",
                "stays bandwidth-bound at every batch", "prefill");
        List<String> csv = Files.readAllLines(tmp.resolve("h100-sxm-llama-3.1-8b-bf16-tp1.csv"));
        assertThat(csv.get(0)).isEqualTo("phase,batch,context,flops,bytes,intensity,step_seconds,tokens_per_s,tokens_per_s_per_user,bound");
        assertThat(csv).hasSize(1 + 2 * 3 + 5);
        assertThat(csv.get(1)).startsWith("decode,1,128,").endsWith(",memory");
    }

    @Test
    void rooflineRejectsAPrecisionTheChipLacks() {
        Cli o = Cli.exec("roofline", "--accelerator", "h100-sxm", "--model", "llama-3.1-8b", "--precision", "fp4");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("h100-sxm has no dense fp4 peak in the catalog; supported: bf16, fp16, fp8, int8");
    }

    @Test
    void rooflineOfWeightOnlyQuantisationStreamsFp4AtTheBf16Peak() throws IOException {
        Cli o = Cli.exec("roofline", "--accelerator", "h100-sxm", "--model", "llama-3.1-8b", "--precision", "fp4",
                "--compute", "bf16", "--out", tmp.toString(), "--batches", "1", "--contexts", "1024", "--prompts", "2048");
        assertThat(o.err()).isEmpty();
        assertThat(o.out()).contains("weights fp4 (math in bf16)", "peak 989.0 TFLOP/s dense bf16", "weights 6.0 GB");
        assertThat(Files.readAllLines(tmp.resolve("h100-sxm-llama-3.1-8b-fp4-bf16-tp1.csv"))).hasSize(1 + 1 + 1);
        Cli narrower = Cli.exec("roofline", "--accelerator", "h100-sxm", "--model", "llama-3.1-8b", "--compute", "fp8");
        assertThat(narrower.code()).isEqualTo(2);
        assertThat(narrower.err()).contains("--compute fp8: narrower than the weights' bf16; allowed: fp32, bf16, fp16");
    }
}
