package org.seedplan.dicom.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.seedplan.dicom.io.Uids;

/**
 * seedplan's DICOM network node, the service class provider: accepts associations from allowed AE
 * titles, answers C-ECHO (Verification) and keeps objects received by C-STORE (CT, Enhanced CT,
 * RT Structure Set, RT Plan, RT Dose, Spatial Registration) in a {@link ReceivedObjectStore}. Each
 * association runs on its own thread; a protocol error, timeout or disconnect ends that association
 * only, and the node keeps serving.
 */
public final class DicomNode implements Closeable {

    /** Verification SOP class (PS3.4 Annex A). */
    public static final String VERIFICATION = "1.2.840.10008.1.1";
    /** Spatial Registration Storage. */
    public static final String SPATIAL_REGISTRATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.1";
    /** Storage SOP classes accepted, with their names. */
    public static final Map<String, String> STORAGE_CLASSES = Map.of(
            Uids.CT_IMAGE_STORAGE, "CT Image",
            Uids.ENHANCED_CT_IMAGE_STORAGE, "Enhanced CT Image",
            Uids.RT_STRUCTURE_SET_STORAGE, "RT Structure Set",
            Uids.RT_PLAN_STORAGE, "RT Plan",
            Uids.RT_DOSE_STORAGE, "RT Dose",
            SPATIAL_REGISTRATION_STORAGE, "Spatial Registration");
    /** Transfer syntaxes accepted for storage: those seedplan's reader and pixel decoders handle. */
    public static final List<String> STORAGE_TRANSFER_SYNTAXES = List.of(
            Uids.EXPLICIT_VR_LITTLE_ENDIAN, Uids.IMPLICIT_VR_LITTLE_ENDIAN, Uids.EXPLICIT_VR_BIG_ENDIAN,
            Uids.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, Uids.RLE_LOSSLESS, Uids.JPEG_LOSSLESS, Uids.JPEG_LOSSLESS_SV1,
            Uids.JPEG_LS_LOSSLESS, Uids.JPEG_LS_NEAR_LOSSLESS);
    private static final List<String> UNCOMPRESSED = List.of(
            Uids.IMPLICIT_VR_LITTLE_ENDIAN, Uids.EXPLICIT_VR_LITTLE_ENDIAN, Uids.EXPLICIT_VR_BIG_ENDIAN);
    private static final System.Logger LOG = System.getLogger(DicomNode.class.getName());

    private final NodeConfig config;
    private final ReceivedObjectStore store;
    private final ServerSocket server;
    private final ThreadPoolExecutor workers;
    private final Thread acceptor;
    private final AtomicInteger stored = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final SeriesCompletion completion;
    private final CallerPolicy callers;
    private final AssociationListener listener;

    private DicomNode(NodeConfig config, ServerSocket server, SeriesCompletion completion, ReceivedObjectStore store,
                      CallerPolicy callers, AssociationListener listener) {
        this.config = config;
        this.completion = completion;
        this.store = store;
        this.callers = callers;
        this.listener = listener;
        this.server = server;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(0, config.maxAssociations(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "dicom-association-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "dicom-node-" + config.aeTitle());
    }

    /** Creates the store folder, binds the port and starts accepting associations. */
    public static DicomNode start(NodeConfig config) throws IOException {
        return start(config, null);
    }

    /**
     * Like {@link #start(NodeConfig)}, and tells {@code completion} (which the node closes with itself)
     * of every object kept, so that it can announce series as they complete; null for none.
     */
    public static DicomNode start(NodeConfig config, SeriesCompletion completion) throws IOException {
        if (config.storeFolder() == null) {
            throw new IllegalArgumentException("--store: give the folder received objects go to");
        }
        try {
            try {
                Files.createDirectories(config.storeFolder());
            } catch (IOException e) {
                throw new UncheckedIOException("--store " + config.storeFolder() + ": cannot create the folder (" + e.getMessage() + ")", e);
            }
            return bindAndStart(config, completion, new ReceivedObjectStore(config.storeFolder()),
                    CallerPolicy.allowing(config.allowedCallers()), null);
        } catch (IOException | RuntimeException e) {
            if (completion != null) {
                completion.close();
            }
            throw e;
        }
    }

    /**
     * A node that hands the objects it keeps to {@code store} (its configuration's store folder is not used), admits
     * callers by {@code callers} (instead of the configuration's allowed list) and tells {@code listener} of every
     * connection once it has ended.
     */
    public static DicomNode start(NodeConfig config, ReceivedObjectStore store, CallerPolicy callers, AssociationListener listener)
            throws IOException {
        return bindAndStart(config, null, store, callers, listener);
    }

    private static DicomNode bindAndStart(NodeConfig config, SeriesCompletion completion, ReceivedObjectStore store,
                                          CallerPolicy callers, AssociationListener listener) throws IOException {
        InetAddress address;
        try {
            address = InetAddress.getByName(config.bindAddress());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + config.bindAddress() + ": unknown address: give an address of this"
                    + " machine, e.g. 127.0.0.1 or 0.0.0.0");
        }
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(address, config.port()), 64);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.port() + " (" + e.getMessage()
                    + "): choose another --port", e);
        }
        DicomNode node = new DicomNode(config, server, completion, store, callers, listener);
        node.acceptor.start();
        LOG.log(System.Logger.Level.INFO, "DICOM node " + config.aeTitle() + " listening on " + config.bindAddress() + ":"
                + node.port() + (config.storeFolder() == null ? "" : ", storing into " + config.storeFolder()));
        return node;
    }

    /** The port listened on (the one chosen when the configuration asked for 0). */
    public int port() {
        return server.getLocalPort();
    }

    /** Objects kept so far. */
    public int storedCount() {
        return stored.get();
    }

    /** Blocks until the node is closed. */
    public void awaitClose() throws InterruptedException {
        acceptor.join();
    }

    /** Stops accepting, closes the connections of running associations (nothing partial is kept) and waits for their threads. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        workers.shutdownNow();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            workers.awaitTermination(config.timeouts().artimMs(), TimeUnit.MILLISECONDS);
            acceptor.join(config.timeouts().artimMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (completion != null) {
            completion.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "accept failed: " + e.getMessage());
                }
                continue;
            }
            try {
                workers.execute(() -> serve(s));
            } catch (RejectedExecutionException full) {
                refuseBusy(s);
            }
        }
    }

    /** More associations than allowed: A-ASSOCIATE-RJ, transient, local limit exceeded (PS3.8 Table 9-21). */
    private void refuseBusy(Socket s) {
        Tracker t = new Tracker(s);
        t.result = "rejected: " + config.maxAssociations() + " associations already running";
        LOG.log(System.Logger.Level.WARNING, "association from " + s.getRemoteSocketAddress() + " refused: "
                + config.maxAssociations() + " associations already running");
        try (s) {
            s.getOutputStream().write(Pdu.reject(2, 3, 2));
            s.getOutputStream().flush();
        } catch (IOException ignored) {
            // the peer is gone; nothing to refuse
        }
        report(t);
    }

    private void serve(Socket s) {
        String peer = String.valueOf(s.getRemoteSocketAddress());
        Tracker t = new Tracker(s);
        open.add(s);
        try {
            if (server.isClosed()) {
                t.result = "node closing";
                return;
            }
            s.setTcpNoDelay(true);
            s.setSoTimeout(config.timeouts().artimMs());
            InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
            Association a = negotiate(s, in, out, peer, t);
            if (a != null) {
                exchange(a, peer + " " + a.request().callingAe(), t);
                t.result = "released";
            }
        } catch (SocketTimeoutException e) {
            t.result = t.accepted ? "timed out: " + e.getMessage() : "no A-ASSOCIATE-RQ within " + config.timeouts().artimMs() + " ms (ARTIM)";
            LOG.log(System.Logger.Level.WARNING, peer + ": " + t.result + "; connection closed");
        } catch (IOException | RuntimeException e) {
            t.result = "broken off: " + e.getMessage();
            LOG.log(System.Logger.Level.WARNING, peer + ": association ended: " + e.getMessage());
        } finally {
            open.remove(s);
            try {
                s.close();
            } catch (IOException ignored) {
                // closed already
            }
            report(t);
        }
    }

    /** Tells the listener, if any, of a finished connection; its failure does not concern the peer. */
    private void report(Tracker t) {
        if (listener == null) {
            return;
        }
        AssociationRecord r = new AssociationRecord(t.host, t.port, t.callingAe, t.calledAe, t.started,
                Duration.between(t.started, Instant.now()).toMillis(), t.accepted, t.result == null ? "closed" : t.result, t.objects);
        try {
            listener.ended(r);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "association of " + r.callingAe() + " from " + r.peerHost() + " could not be recorded: "
                    + e.getMessage(), e);
        }
    }

    /** What is known so far about one connection (one thread writes it). */
    private static final class Tracker {
        final String host;
        final int port;
        final Instant started = Instant.now();
        final List<AssociationRecord.ObjectOutcome> objects = new ArrayList<>();
        String callingAe;
        String calledAe;
        boolean accepted;
        String result;

        Tracker(Socket s) {
            this.host = s.getInetAddress() == null ? "?" : s.getInetAddress().getHostAddress();
            this.port = s.getPort();
        }
    }

    /** Reads the A-ASSOCIATE-RQ and answers AC or RJ; returns the association, or null when rejected. */
    private Association negotiate(Socket s, InputStream in, OutputStream out, String peer, Tracker t) throws IOException {
        Pdu.Raw pdu;
        try {
            pdu = Pdu.read(in, Association.OUR_MAX_PDU);
        } catch (IllegalArgumentException e) {
            out.write(Pdu.abort(2, 1));
            out.flush();
            throw new IOException("malformed first PDU: " + e.getMessage(), e);
        }
        if (pdu == null) {
            t.result = "closed before an A-ASSOCIATE-RQ";
            return null;
        }
        if (pdu.type() != Pdu.ASSOCIATE_RQ) {
            out.write(Pdu.abort(2, 2));
            out.flush();
            throw new IOException("first PDU has type " + pdu.type() + ", not A-ASSOCIATE-RQ");
        }
        AssociateParams rq;
        try {
            rq = Pdu.parseAssociate(pdu.body(), true);
        } catch (Pdu.UnsupportedVersion e) {
            return reject(s, out, peer, 2, 2, e.getMessage(), t);
        } catch (Pdu.UnsupportedApplicationContext e) {
            return reject(s, out, peer, 1, 2, e.getMessage(), t);
        } catch (IllegalArgumentException e) {
            out.write(Pdu.abort(2, 6));
            out.flush();
            throw new IOException("malformed A-ASSOCIATE-RQ: " + e.getMessage(), e);
        }
        t.callingAe = rq.callingAe();
        t.calledAe = rq.calledAe();
        if (!config.aeTitle().equals(rq.calledAe())) {
            return reject(s, out, peer, 1, 7, "called AE title '" + rq.calledAe() + "' is not ours (" + config.aeTitle() + ")", t);
        }
        String refusal = callers.refusal(rq.callingAe(), s.getInetAddress());
        if (refusal != null) {
            return reject(s, out, peer, 1, 3, refusal, t);
        }
        List<PresentationContext> answer = new ArrayList<>();
        for (PresentationContext pc : rq.contexts()) {
            answer.add(answer(pc));
        }
        AssociateParams ac = new AssociateParams(rq.calledAe(), rq.callingAe(), answer, Association.OUR_MAX_PDU,
                Uids.IMPLEMENTATION_CLASS_UID, Uids.IMPLEMENTATION_VERSION);
        out.write(Pdu.associate(false, ac));
        out.flush();
        t.accepted = true;
        List<PresentationContext> accepted = new ArrayList<>();
        for (int i = 0; i < answer.size(); i++) {
            PresentationContext a = answer.get(i);
            accepted.add(new PresentationContext(a.id(), rq.contexts().get(i).abstractSyntax(), a.transferSyntaxes(), a.result()));
        }
        LOG.log(System.Logger.Level.INFO, peer + ": association " + rq.callingAe() + " -> " + rq.calledAe() + " accepted ("
                + accepted.stream().filter(PresentationContext::accepted).count() + " of " + accepted.size() + " contexts)");
        return new Association(s, in, out, rq, accepted, rq.maxPduLength(), config.timeouts(), peer + " " + rq.callingAe());
    }

    private Association reject(Socket s, OutputStream out, String peer, int source, int reason, String why, Tracker t)
            throws IOException {
        t.result = "rejected: " + why;
        LOG.log(System.Logger.Level.WARNING, peer + ": association rejected: " + why);
        out.write(Pdu.reject(1, source, reason));
        out.flush();
        s.shutdownOutput();
        s.setSoTimeout(config.timeouts().artimMs());
        try {
            s.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the peer reset or timed out: close anyway
        }
        return null;
    }

    /** The answer to one proposed context: the first proposed transfer syntax we support. */
    private static PresentationContext answer(PresentationContext pc) {
        List<String> supported = VERIFICATION.equals(pc.abstractSyntax()) ? UNCOMPRESSED
                : STORAGE_CLASSES.containsKey(pc.abstractSyntax()) ? STORAGE_TRANSFER_SYNTAXES : null;
        if (supported == null) {
            return new PresentationContext(pc.id(), null, List.of(Uids.IMPLICIT_VR_LITTLE_ENDIAN),
                    PresentationContext.ABSTRACT_SYNTAX_NOT_SUPPORTED);
        }
        for (String ts : pc.transferSyntaxes()) {
            if (supported.contains(ts)) {
                return new PresentationContext(pc.id(), null, List.of(ts), PresentationContext.ACCEPTANCE);
            }
        }
        return new PresentationContext(pc.id(), null, List.of(Uids.IMPLICIT_VR_LITTLE_ENDIAN),
                PresentationContext.TRANSFER_SYNTAXES_NOT_SUPPORTED);
    }

    /** Serves requests until the peer releases or the association breaks. */
    private void exchange(Association a, String peer, Tracker t) throws IOException {
        int objects = 0;
        while (true) {
            DimseMessage m = a.receive();
            if (m == null) {
                LOG.log(System.Logger.Level.INFO, peer + ": association released after " + objects + " object(s) stored");
                return;
            }
            Command rq = m.command();
            int msgId = rq.us(Command.MESSAGE_ID);
            switch (rq.commandField()) {
                case Command.C_ECHO_RQ -> a.send(m.context(), Command.of(Command.C_ECHO_RSP)
                        .putUid(Command.AFFECTED_SOP_CLASS_UID, VERIFICATION)
                        .putUs(Command.MESSAGE_ID_BEING_RESPONDED_TO, msgId)
                        .putUs(Command.STATUS, Command.SUCCESS));
                case Command.C_STORE_RQ -> {
                    Command rsp = store.handle(m, a.request().callingAe(), peer, this::kept);
                    objects += rsp.us(Command.STATUS) == Command.SUCCESS ? 1 : 0;
                    t.objects.add(new AssociationRecord.ObjectOutcome(rq.string(Command.AFFECTED_SOP_CLASS_UID),
                            rq.string(Command.AFFECTED_SOP_INSTANCE_UID), rsp.us(Command.STATUS)));
                    a.send(m.context(), rsp);
                }
                default -> a.send(m.context(), Command.of(rq.commandField() | 0x8000)
                        .putUs(Command.MESSAGE_ID_BEING_RESPONDED_TO, msgId)
                        .putUs(Command.STATUS, 0x0211)); // unrecognized operation (PS3.7 Annex C)
            }
        }
    }

    private void kept(ReceivedObjectStore.StoredObject o) {
        stored.incrementAndGet();
        if (completion != null) {
            completion.received(o.studyInstanceUid(), o.seriesInstanceUid(), o.file());
        }
    }
}
