package org.seedplan.cli.net;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.seedplan.dicom.net.AeAddress;
import org.seedplan.dicom.net.EchoScu;
import org.seedplan.dicom.net.Timeouts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan dicom echo}: C-ECHO to a peer. */
@Command(name = "echo", mixinStandardHelpOptions = true, description = "Check that a DICOM peer answers: open an"
        + " association, send C-ECHO, release.")
public final class EchoCommand implements Callable<Integer> {

    @Option(names = "--to", required = true, paramLabel = "AET@HOST:PORT", description = "the peer, e.g. ORTHANC@127.0.0.1:4242")
    String to;

    @Option(names = "--ae-title", defaultValue = "SEEDPLAN", description = "our AE title (default ${DEFAULT-VALUE})")
    String aeTitle;

    @Override
    public Integer call() throws IOException {
        AeAddress peer = AeAddress.parse(to);
        long ms = EchoScu.echo(peer, aeTitle, Timeouts.DEFAULT);
        System.out.println("C-ECHO " + aeTitle + " -> " + peer + ": success (" + ms + " ms)");
        return 0;
    }
}
