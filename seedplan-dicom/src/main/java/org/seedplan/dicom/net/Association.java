package org.seedplan.dicom.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Uids;

/**
 * An established DICOM association (PS3.8) over one TCP connection, for either side: sends DIMSE
 * messages as P-DATA-TF PDUs, fragmenting command and data set to the peer's maximum PDU length;
 * receives messages by joining their fragments; releases (A-RELEASE-RQ/RP) or aborts (A-ABORT). Any
 * protocol error, timeout or broken connection aborts the association and throws
 * {@link AssociationAbortedException}. One thread uses an association at a time.
 */
public final class Association implements Closeable {

    /** Largest P-DATA-TF body seedplan accepts (told to the peer in the maximum length sub-item). */
    public static final int OUR_MAX_PDU = 65_536;
    /** Fragment size used when the peer sets no limit (maximum length 0). */
    private static final int UNLIMITED_FRAGMENT = 1 << 20;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final AssociateParams request;
    private final Map<Integer, PresentationContext> accepted;
    private final long peerMaxPdu;
    private final Timeouts timeouts;
    private final String peerName;
    private boolean closed;

    Association(Socket socket, InputStream in, OutputStream out, AssociateParams request,
                List<PresentationContext> accepted, long peerMaxPdu, Timeouts timeouts, String peerName) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.request = request;
        this.accepted = new LinkedHashMap<>();
        for (PresentationContext pc : accepted) {
            if (pc.accepted()) {
                this.accepted.put(pc.id(), pc);
            }
        }
        this.peerMaxPdu = peerMaxPdu;
        this.timeouts = timeouts;
        this.peerName = peerName;
    }

    /**
     * Opens an association to {@code peer} as {@code callingAe}, proposing {@code proposed}. An unknown
     * host is an {@link IllegalArgumentException}; a refusal an {@link AssociationRejectedException}.
     */
    public static Association connect(AeAddress peer, String callingAe, List<PresentationContext> proposed,
                                      Timeouts timeouts) throws IOException {
        return connect(peer, callingAe, proposed, List.of(), timeouts);
    }

    /**
     * Like {@link #connect(AeAddress, String, List, Timeouts)}, also asking to act as SCP for
     * {@code scpRoleClasses} (to receive C-STORE on this association, as C-GET does).
     */
    public static Association connect(AeAddress peer, String callingAe, List<PresentationContext> proposed,
                                      List<String> scpRoleClasses, Timeouts timeouts) throws IOException {
        AeAddress.checkAeTitle(callingAe, "our AE title");
        if (proposed.isEmpty() || proposed.size() > 128) {
            throw new IllegalArgumentException(proposed.size() + " presentation contexts proposed to " + peer
                    + ": give 1 to 128");
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(peer.host(), peer.port()), timeouts.artimMs());
        } catch (UnknownHostException e) {
            socket.close();
            throw new IllegalArgumentException("peer " + peer + ": unknown host '" + peer.host() + "': check the host name");
        } catch (ConnectException | SocketTimeoutException e) {
            socket.close();
            throw new IOException("peer " + peer + ": cannot connect (" + e.getMessage() + "): is it listening on port "
                    + peer.port() + "?", e);
        } catch (IllegalArgumentException e) {
            socket.close();
            throw new IllegalArgumentException("peer " + peer + ": unknown host '" + peer.host() + "': check the host name");
        }
        InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        AssociateParams rq = new AssociateParams(peer.aeTitle(), callingAe, proposed, OUR_MAX_PDU,
                Uids.IMPLEMENTATION_CLASS_UID, Uids.IMPLEMENTATION_VERSION, scpRoleClasses);
        try {
            out.write(Pdu.associate(true, rq));
            out.flush();
            socket.setSoTimeout(timeouts.artimMs());
            Pdu.Raw answer = Pdu.read(in, OUR_MAX_PDU);
            if (answer == null) {
                throw new AssociationAbortedException(peer + " closed the connection instead of answering A-ASSOCIATE-RQ");
            }
            switch (answer.type()) {
                case Pdu.ASSOCIATE_AC -> {
                    AssociateParams ac = Pdu.parseAssociate(answer.body(), false);
                    List<PresentationContext> contexts = new ArrayList<>();
                    for (PresentationContext a : ac.contexts()) {
                        proposed.stream().filter(p -> p.id() == a.id()).findFirst().ifPresent(p -> contexts.add(
                                new PresentationContext(a.id(), p.abstractSyntax(), a.transferSyntaxes(), a.result())));
                    }
                    return new Association(socket, in, out, rq, contexts, ac.maxPduLength(), timeouts, peer.toString());
                }
                case Pdu.ASSOCIATE_RJ -> {
                    byte[] b = answer.body();
                    throw new AssociationRejectedException(peer.toString(), b[1] & 0xFF, b[2] & 0xFF, b[3] & 0xFF);
                }
                case Pdu.ABORT -> throw new AssociationAbortedException(peer + " aborted the association request");
                default -> throw new AssociationAbortedException(peer + " answered A-ASSOCIATE-RQ with PDU type " + answer.type());
            }
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new AssociationAbortedException(peer + " did not answer A-ASSOCIATE-RQ within " + timeouts.artimMs()
                    + " ms (ARTIM)", e);
        } catch (IOException | RuntimeException e) {
            socket.close();
            if (e instanceof IllegalArgumentException bad && !(e instanceof Pdu.UnsupportedVersion)) {
                throw new AssociationAbortedException(peer + " sent a malformed A-ASSOCIATE answer: " + bad.getMessage(), e);
            }
            throw e;
        }
    }

    /** The A-ASSOCIATE-RQ this association was opened with (ours as SCU, the peer's as SCP). */
    public AssociateParams request() {
        return request;
    }

    /** The accepted presentation contexts, by identifier. */
    public Map<Integer, PresentationContext> acceptedContexts() {
        return Map.copyOf(accepted);
    }

    /** The accepted context for this abstract syntax and transfer syntax, if any. */
    public Optional<PresentationContext> context(String abstractSyntax, String transferSyntax) {
        return accepted.values().stream().filter(pc -> pc.abstractSyntax().equals(abstractSyntax)
                && pc.transferSyntax().equals(transferSyntax)).findFirst();
    }

    /** The peer's maximum P-DATA-TF length (0: unlimited). */
    public long peerMaxPdu() {
        return peerMaxPdu;
    }

    /** Sends a message without a data set. */
    public void send(PresentationContext pc, Command command) throws IOException {
        send(pc, command, null, 0, 0);
    }

    /**
     * Sends a message: the command, then {@code length} bytes of data set from {@code dataSet} at
     * {@code offset} (null: none), each cut into fragments that fit the peer's maximum PDU length.
     */
    public void send(PresentationContext pc, Command command, byte[] dataSet, int offset, int length) throws IOException {
        if (!accepted.containsKey(pc.id())) {
            throw new IllegalArgumentException("presentation context " + pc.id() + " was not accepted by " + peerName);
        }
        int fragment = (int) Math.max(1, peerMaxPdu == 0 ? UNLIMITED_FRAGMENT : Math.min(UNLIMITED_FRAGMENT, peerMaxPdu - 6));
        try {
            socket.setSoTimeout(timeouts.dimseMs());
            command.putUs(Command.COMMAND_DATA_SET_TYPE, dataSet == null ? Command.NO_DATA_SET : 0x0000);
            byte[] cmd = command.encode();
            fragments(pc.id(), true, cmd, 0, cmd.length, fragment);
            if (dataSet != null) {
                fragments(pc.id(), false, dataSet, offset, length, fragment);
            }
            out.flush();
        } catch (IOException e) {
            close();
            throw new AssociationAbortedException("sending to " + peerName + " failed: " + e.getMessage(), e);
        }
    }

    private void fragments(int pcId, boolean isCommand, byte[] b, int off, int len, int fragment) throws IOException {
        int pos = off;
        int end = off + len;
        do {
            int n = Math.min(fragment, end - pos);
            boolean last = pos + n == end;
            out.write(ByteBuffer.allocate(12).put((byte) Pdu.P_DATA_TF).put((byte) 0).putInt(n + 6).putInt(n + 2)
                    .put((byte) pcId).put((byte) ((isCommand ? 1 : 0) | (last ? 2 : 0))).array());
            out.write(b, pos, n);
            pos += n;
        } while (pos < end);
    }

    /**
     * Receives the next message; returns null when the peer asked to release (answered with
     * A-RELEASE-RP; the association is then closed).
     */
    public DimseMessage receive() throws IOException {
        ByteArrayOutputStream cmd = new ByteArrayOutputStream(256);
        ByteArrayOutputStream data = null;
        Command command = null;
        PresentationContext pc = null;
        while (true) {
            Pdu.Raw pdu = next(timeouts.dimseMs(), "the next message");
            switch (pdu.type()) {
                case Pdu.P_DATA_TF -> {
                    ByteBuffer b = ByteBuffer.wrap(pdu.body());
                    while (b.hasRemaining()) {
                        if (b.remaining() < 6) {
                            throw fail("malformed P-DATA-TF: a PDV item header is cut short", 6);
                        }
                        long itemLength = b.getInt() & 0xFFFFFFFFL;
                        if (itemLength < 2 || itemLength > b.remaining()) {
                            throw fail("malformed P-DATA-TF: PDV item length " + itemLength + " with " + b.remaining()
                                    + " bytes left", 6);
                        }
                        int id = b.get() & 0xFF;
                        int header = b.get() & 0xFF;
                        PresentationContext ctx = accepted.get(id);
                        if (ctx == null || pc != null && pc.id() != id) {
                            throw fail("PDV on presentation context " + id + ", which is not accepted or not this message's", 6);
                        }
                        pc = ctx;
                        int n = (int) itemLength - 2;
                        boolean last = (header & 2) != 0;
                        if ((header & 1) != 0) {
                            if (command != null) {
                                throw fail("a command fragment after the command was complete", 5);
                            }
                            cmd.write(pdu.body(), b.position(), n);
                            b.position(b.position() + n);
                            if (last) {
                                command = decodeCommand(cmd.toByteArray());
                                if (!command.hasDataSet()) {
                                    if (b.hasRemaining()) {
                                        throw fail("malformed P-DATA-TF: bytes follow a complete message", 6);
                                    }
                                    return new DimseMessage(pc, command, null);
                                }
                                data = new ByteArrayOutputStream(1 << 16);
                            }
                        } else {
                            if (command == null) {
                                throw fail("a data set fragment before its command", 5);
                            }
                            if ((long) data.size() + n > DicomReader.MAX_FILE_BYTES) {
                                throw fail("a data set larger than " + DicomReader.MAX_FILE_BYTES + " bytes", 6);
                            }
                            data.write(pdu.body(), b.position(), n);
                            b.position(b.position() + n);
                            if (last) {
                                if (b.hasRemaining()) {
                                    throw fail("malformed P-DATA-TF: bytes follow a complete message", 6);
                                }
                                return new DimseMessage(pc, command, data.toByteArray());
                            }
                        }
                    }
                }
                case Pdu.RELEASE_RQ -> {
                    if (cmd.size() > 0) {
                        throw fail("A-RELEASE-RQ in the middle of a message", 2);
                    }
                    out.write(Pdu.releaseResponse());
                    out.flush();
                    closeGracefully();
                    return null;
                }
                case Pdu.ABORT -> {
                    close();
                    throw new AssociationAbortedException(peerName + " aborted the association (source "
                            + (pdu.body()[2] & 0xFF) + ", reason " + (pdu.body()[3] & 0xFF) + ")");
                }
                default -> throw fail("unexpected PDU type " + pdu.type(), 2);
            }
        }
    }

    private Command decodeCommand(byte[] b) throws AssociationAbortedException {
        try {
            return Command.decode(b);
        } catch (IllegalArgumentException e) {
            throw fail("malformed command set: " + e.getMessage(), 6);
        }
    }

    /** Reads one PDU with a timeout; end of stream, timeout and malformed PDUs abort. */
    private Pdu.Raw next(int timeoutMs, String what) throws IOException {
        try {
            socket.setSoTimeout(timeoutMs);
            Pdu.Raw pdu = Pdu.read(in, OUR_MAX_PDU);
            if (pdu == null) {
                close();
                throw new AssociationAbortedException(peerName + " closed the connection while we waited for " + what);
            }
            return pdu;
        } catch (SocketTimeoutException e) {
            throw fail("no PDU for " + timeoutMs + " ms while waiting for " + what + " (timeout)", 0);
        } catch (EOFException e) {
            close();
            throw new AssociationAbortedException(peerName + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage(), e.getMessage().startsWith("unrecognized") ? 1 : 6);
        } catch (AssociationAbortedException e) {
            throw e;
        } catch (IOException e) {
            close();
            throw new AssociationAbortedException(peerName + ": connection failed while waiting for " + what + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Sends A-ABORT (source: service provider, the given reason), closes and returns the exception to throw. */
    private AssociationAbortedException fail(String why, int reason) {
        try {
            out.write(Pdu.abort(2, reason));
            out.flush();
        } catch (IOException ignored) {
            // the connection is already gone; closing is all that is left
        }
        close();
        return new AssociationAbortedException(peerName + ": " + why + "; association aborted");
    }

    /** Requests release and waits (ARTIM) for A-RELEASE-RP, then closes. */
    public void release() throws IOException {
        try {
            out.write(Pdu.releaseRequest());
            out.flush();
            while (true) {
                Pdu.Raw pdu = next(timeouts.artimMs(), "A-RELEASE-RP");
                if (pdu.type() == Pdu.RELEASE_RP) {
                    close();
                    return;
                }
                if (pdu.type() == Pdu.ABORT) {
                    close();
                    throw new AssociationAbortedException(peerName + " aborted instead of releasing the association");
                }
                if (pdu.type() != Pdu.P_DATA_TF) {
                    throw fail("unexpected PDU type " + pdu.type() + " while releasing", 2);
                }
            }
        } catch (AssociationAbortedException e) {
            throw e;
        } catch (IOException e) {
            close();
            throw new AssociationAbortedException(peerName + ": release failed (" + e.getMessage() + ")", e);
        }
    }

    /** Sends A-ABORT as service user and closes. */
    public void abort() {
        try {
            out.write(Pdu.abort(0, 0));
            out.flush();
        } catch (IOException ignored) {
            // the peer may already be gone
        }
        close();
    }

    /** Stops sending, waits (ARTIM) for the peer to close, then closes, so that our last PDU is read, not reset. */
    void closeGracefully() {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(timeouts.artimMs());
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                // discard until the peer closes
            }
        } catch (IOException ignored) {
            // timeout or reset: close anyway
        }
        close();
    }

    /** Closes the connection without any PDU. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
