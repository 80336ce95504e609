package org.seedplan.cli.net;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code seedplan dicom}: seedplan as a DICOM network node (echo, send, listen, find, move, get). */
@Command(name = "dicom", mixinStandardHelpOptions = true,
        description = "DICOM networking (docs/dicom-network.md): check a peer with C-ECHO, send files with C-STORE,"
                + " listen as a storage node, query with C-FIND, retrieve a study with C-MOVE or C-GET. Peers are written AET@HOST:PORT.",
        subcommands = {EchoCommand.class, SendCommand.class, ListenCommand.class, FindCommand.class, MoveCommand.class,
                GetCommand.class})
public final class DicomNetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
