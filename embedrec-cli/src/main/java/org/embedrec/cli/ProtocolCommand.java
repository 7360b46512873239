package org.embedrec.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code embedrec protocol}: published evaluation protocols, one subcommand each. */
@Command(name = "protocol", description = "Run a published evaluation protocol, so figures compare with the papers'.",
        subcommands = {VaeCfProtocolCommand.class})
final class ProtocolCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a protocol: vae-cf");
    }
}
