package org.tokenfab.validation.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelDataTest {
    private static final KernelData DATA = KernelData.load();

    @Test
    void everyMeasuredTableIsLoaded() {
        assertThat(DATA.gemm).hasSize(26);
        assertThat(DATA.prefill).hasSize(8);
        assertThat(DATA.decode).hasSize(8);
        assertThat(DATA.moe).hasSize(7);
        assertThat(DATA.gemm.stream().mapToInt(t -> t.rows().size()).sum()).isEqualTo(37_800 + 608 + 3_040);
        assertThat(DATA.moe.stream().mapToInt(t -> t.rows().size()).sum()).isEqualTo(2 * 1998 + 50);
        // All-reduce: NCCL (16-bit) and vLLM custom graph/eager on five GPUs; APEX+ five tables on two.
        assertThat(DATA.collectives.stream().filter(t -> t.family() == Family.ALL_REDUCE)).hasSize(15);
        assertThat(DATA.collectives.stream().filter(t -> t.family() == Family.OTHER_COLLECTIVES)).hasSize(10);
        assertThat(DATA.vidurCpu).hasSize(78);
        assertThat(DATA.vidurAllReduce).isNotEmpty();
    }

    @Test
    void unitsAreNanosecondsAndBytes() {
        // h100_sxm gemm_perf.csv, first row: bf16 32768 x 16384 x 16384 in 21.4646 ms.
        Rows.Gemm g = DATA.gemm.stream().filter(t -> t.key().equals("h100-sxm vllm 0.24.0 bf16")).findFirst().orElseThrow()
                .rows().stream().filter(r -> r.m() == 32768 && r.n() == 16384 && r.k() == 16384).findFirst().orElseThrow();
        assertThat(g.nanos()).isEqualTo(21.4646e6);
        // NCCL message_size counts half elements: 256 elements are 512 bytes.
        KernelData.Table<Rows.Collective> nccl = DATA.collectives.stream()
                .filter(t -> t.key().equals("h100-sxm nccl 2.29.2 all_reduce_nccl")).findFirst().orElseThrow();
        assertThat(nccl.rows().stream().mapToDouble(Rows.Collective::bytes).min().orElseThrow()).isEqualTo(512);
        assertThat(nccl.rows()).hasSize(63);
    }

    @Test
    void bundledFilesAreSmallAndListed() throws IOException {
        List<String> files = KernelData.index();
        assertThat(files).hasSize(58);
        for (String f : files) {
            try (InputStream in = KernelDataTest.class.getClassLoader().getResourceAsStream(KernelData.ROOT + f)) {
                assertThat(in).as(f).isNotNull();
                assertThat(in.readAllBytes().length).as(f).isLessThan((int) KernelDataImport.MAX_BYTES);
            }
        }
        for (String doc : List.of("README.md", "MANIFEST.csv", "aiconfigurator/LICENSE", "apex-plus/LICENSE", "vidur/LICENSE",
                "llmservingsim/LICENSE")) {
            assertThat(KernelDataTest.class.getClassLoader().getResource(KernelData.ROOT + doc)).as(doc).isNotNull();
        }
    }

    /** LLMServingSim's profiles arrive converted: units, shapes and which attention rows were kept. */
    @Test
    void llmServingSimProfilesAreConvertedForTheValidationHardware() {
        KernelData.Table<Rows.Gemm> g = DATA.gemm.stream().filter(t -> t.key().equals("rtx-4090 vllm 0.19.0 bf16"))
                .findFirst().orElseThrow();
        assertThat(g.rows()).hasSize(4 * 152);
        // RTX4090 Llama-3.1-8B tp1/dense.csv: down_proj,1,126.766 (us); n = hidden 4096, k = ffn 14336.
        Rows.Gemm down = g.rows().stream().filter(r -> r.m() == 1 && r.n() == 4096 && r.k() == 14336).findFirst().orElseThrow();
        assertThat(down.nanos()).isEqualTo(126_766.0, org.assertj.core.api.Assertions.within(1e-6));
        // RTX PRO 6000: Qwen3-32B TP2 qkv_proj shape (64 + 2 x 8) x 128 / 2 = 5120 outputs.
        assertThat(DATA.gemm.stream().filter(t -> t.catalogId().equals("rtx-pro-6000")).findFirst().orElseThrow().rows())
                .anyMatch(r -> r.n() == 5120 && r.k() == 5120);
        assertThat(DATA.prefill.stream().filter(t -> t.catalogId().equals("rtx-4090")).findFirst().orElseThrow().rows())
                .hasSize(8).allMatch(r -> r.batch() == 1 && r.step() == 0);
        assertThat(DATA.decode.stream().filter(t -> t.catalogId().equals("rtx-pro-6000")).findFirst().orElseThrow().rows())
                .allMatch(r -> r.isl() == 1 && r.step() >= 16);
    }

    /**
     * RTX PRO 6000 Qwen3-30B-A3B tp1/moe.csv: each (tokens, activated_experts) row is a balanced layer
     * of activated_experts experts (the profiler's cyclic forced routing), Qwen3-30B-A3B's shapes, ns.
     */
    @Test
    void llmServingSimMoeProfileIsConvertedAsBalancedRowsOverTheActivatedExperts() {
        KernelData.Table<Rows.Moe> t = DATA.moe.stream().filter(m -> m.key().equals("rtx-pro-6000 vllm 0.19.0 bf16"))
                .findFirst().orElseThrow();
        assertThat(t.file()).isEqualTo("llmservingsim/data/rtx_pro_6000/moe/vllm/0.19.0/moe_perf.csv");
        assertThat(t.rows()).hasSize(50).allMatch(r -> r.hidden() == 2048 && r.inter() == 768 && r.topK() == 8
                && r.tp() == 1 && r.ep() == 1 && r.experts() >= 8 && r.experts() <= Math.min(128, 8 * r.tokens()));
        // moe.csv: 2048,64,681.888 (us).
        Rows.Moe r = t.rows().stream().filter(m -> m.tokens() == 2048 && m.experts() == 64).findFirst().orElseThrow();
        assertThat(r.nanos()).isEqualTo(681_888.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(t.rows().stream().map(Rows.Moe::experts).distinct().sorted().toList()).containsExactly(8, 16, 32, 64, 128);
        assertThat(DATA.moe).noneMatch(m -> m.catalogId().equals("rtx-4090"));
    }

    /** The importer's outputs are the bundled files: every MANIFEST row's output hash matches the resource. */
    @Test
    void manifestHashesMatchTheBundledFiles() throws IOException {
        List<String> manifest;
        try (InputStream in = KernelDataTest.class.getClassLoader().getResourceAsStream(KernelData.ROOT + "MANIFEST.csv")) {
            manifest = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().skip(1).toList();
        }
        assertThat(manifest).filteredOn(l -> l.startsWith("llmservingsim/")).hasSize(26);
        for (String line : manifest) {
            String[] f = line.split(",");
            try (InputStream in = KernelDataTest.class.getClassLoader().getResourceAsStream(KernelData.ROOT + f[0])) {
                assertThat(in).as(f[0]).isNotNull();
                assertThat(KernelDataImport.sha256(in.readAllBytes())).as(f[0]).isEqualTo(f[f.length - 1]);
            }
        }
    }

    /** Rerunning the importer on the shared reference (when it is beside the checkout) reproduces MANIFEST.csv. */
    @Test
    void importIsReproducible(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws IOException {
        java.nio.file.Path reference = java.nio.file.Path.of("../../shared/reference");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(reference.resolve("serving/llmservingsim")),
                "shared reference folder not present");
        KernelDataImport.run(reference, tmp);
        try (InputStream in = KernelDataTest.class.getClassLoader().getResourceAsStream(KernelData.ROOT + "MANIFEST.csv")) {
            assertThat(java.nio.file.Files.readString(tmp.resolve("MANIFEST.csv")))
                    .isEqualTo(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void oversizedCsvIsSplitWithItsHeader() {
        StringBuilder sb = new StringBuilder("a,b\n");
        while (sb.length() < 2_500_000) {
            sb.append("123456789,987654321\n");
        }
        List<byte[]> parts = KernelDataImport.split(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(parts).hasSize(3);
        for (byte[] p : parts) {
            assertThat(p.length).isLessThanOrEqualTo((int) KernelDataImport.MAX_BYTES);
            assertThat(new String(p, java.nio.charset.StandardCharsets.UTF_8)).startsWith("a,b\n");
        }
    }
}
