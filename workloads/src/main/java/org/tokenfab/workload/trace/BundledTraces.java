package org.tokenfab.workload.trace;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;

/**
 * The public trace extracts bundled in this module's resources
 * ({@code org/tokenfab/workload/traces/}, see the README there for sources and licences).
 */
public enum BundledTraces {
    AZURE_CODE("azure-code", "azure", "azure_llm_2023/AzureLLMInferenceTrace_code.csv"),
    AZURE_CONV("azure-conv", "azure", "azure_llm_2023/AzureLLMInferenceTrace_conv.csv"),
    MOONCAKE_CONVERSATION("mooncake-conversation", "mooncake", "mooncake_fast25/conversation_trace.csv.gz"),
    MOONCAKE_SYNTHETIC("mooncake-synthetic", "mooncake", "mooncake_fast25/synthetic_trace.csv"),
    MOONCAKE_CONVERSATION_HEAD100_JSONL("mooncake-conversation-head100", "mooncake", "mooncake_fast25/conversation_trace_head100.jsonl"),
    SERVEGEN_DEEPSEEK_R1("servegen-deepseek-r1", "servegen", "servegen/client_windows_deepseek-r1.csv"),
    SERVEGEN_MM_IMAGE("servegen-mm-image", "servegen", "servegen/client_windows_mm-image.csv"),
    SERVEGEN_M_LARGE_DAY0("servegen-m-large-day0", "servegen", "servegen/client_windows_m-large_day0.csv");

    /** Resource folder of the bundled traces. */
    public static final String RESOURCE_ROOT = "org/tokenfab/workload/traces/";

    private final String id;
    private final String format;
    private final String path;

    BundledTraces(String id, String format, String path) {
        this.id = id;
        this.format = format;
        this.path = path;
    }

    /** Name used in scenarios and on the command line, e.g. {@code azure-code}. */
    public String id() {
        return id;
    }

    /** Format name for {@link TraceFormats}. */
    public String format() {
        return format;
    }

    /** Classpath resource path. */
    public String resource() {
        return RESOURCE_ROOT + path;
    }

    /** A re-openable input on the resource. */
    public TraceInput input() {
        return TraceInput.ofResource(resource());
    }

    /** Looks a bundled trace up by id, with a did-you-mean error. */
    public static BundledTraces byId(String id) {
        for (BundledTraces t : values()) {
            if (t.id.equals(id == null ? null : id.strip().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        List<String> ids = Arrays.stream(values()).map(BundledTraces::id).toList();
        throw new TokenFabException("no bundled trace '" + id + "'" + DidYouMean.clause(String.valueOf(id), ids)
                + "; bundled traces: " + String.join(", ", ids));
    }
}
