package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The command line run in this JVM for the Spark tests (as the cli module's own tests do), never an internal error. */
record SparkCli(int code, String out, String err) {
    static SparkCli exec(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TokenFab.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(err.toString()).doesNotContain("internal error");
        return new SparkCli(code, out.toString(), err.toString());
    }
}
