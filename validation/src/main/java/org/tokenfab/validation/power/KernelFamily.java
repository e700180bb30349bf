package org.tokenfab.validation.power;

/** The op families of the kernel power tables, with the table each comes from. */
public enum KernelFamily {
    GEMM("gemm", "gemm/vllm/0.22.0/gemm_perf.csv"),
    GENERATION_ATTENTION("decode-attention", "attention/vllm/0.22.0/generation_attention_perf.csv"),
    CONTEXT_ATTENTION("prefill-attention", "attention/vllm/0.22.0/context_attention_perf.csv"),
    MOE("moe", "moe/vllm/0.22.0/moe_perf.csv");

    private final String label;
    private final String table;

    KernelFamily(String label, String table) {
        this.label = label;
        this.table = table;
    }

    /** Short name for reports. */
    public String label() {
        return label;
    }

    /** Path of the table under a system's directory of the AIConfigurator data. */
    String table() {
        return table;
    }
}
