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
        assertThat(DATA.gemm).hasSize(24);
        assertThat(DATA.prefill).hasSize(6);
        assertThat(DATA.decode).hasSize(6);
        assertThat(DATA.moe).hasSize(6);
        assertThat(DATA.gemm.stream().mapToInt(t -> t.rows().size()).sum()).isEqualTo(37_800);
        assertThat(DATA.moe.stream().mapToInt(t -> t.rows().size()).sum()).isEqualTo(2 * 1998);
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
        assertThat(files).hasSize(51);
        for (String f : files) {
            try (InputStream in = KernelDataTest.class.getClassLoader().getResourceAsStream(KernelData.ROOT + f)) {
                assertThat(in).as(f).isNotNull();
                assertThat(in.readAllBytes().length).as(f).isLessThan((int) KernelDataImport.MAX_BYTES);
            }
        }
        for (String doc : List.of("README.md", "MANIFEST.csv", "aiconfigurator/LICENSE", "apex-plus/LICENSE", "vidur/LICENSE")) {
            assertThat(KernelDataTest.class.getClassLoader().getResource(KernelData.ROOT + doc)).as(doc).isNotNull();
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
