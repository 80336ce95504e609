package org.seedplan.planning.template;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.seedplan.geometry.Vec3;

/**
 * Writes a triangle mesh as binary STL: an 80-byte header, the triangle count, then per triangle
 * the unit normal and three vertices as little-endian 32-bit floats (millimetres) and a zero
 * attribute word.
 */
public final class StlWriter {

    private StlWriter() {
    }

    /** Bytes of the binary STL of {@code triangles} triangles. */
    public static long sizeBytes(int triangles) {
        return 84L + 50L * triangles;
    }

    /** Writes {@code mesh} to {@code out}; the header carries {@code title} (ASCII, cut to 80 bytes, never starting with "solid"). */
    public static void write(TriangleMesh mesh, String title, OutputStream out) throws IOException {
        byte[] header = new byte[80];
        byte[] text = ("seedplan " + title).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, Math.min(80, text.length));
        out.write(header);
        ByteBuffer b = ByteBuffer.allocate(50 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(mesh.triangleCount());
        for (int t = 0; t < mesh.triangleCount(); t++) {
            if (b.remaining() < 50) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            Vec3[] v = new Vec3[3];
            for (int c = 0; c < 3; c++) {
                v[c] = asFloats(mesh.vertex(mesh.corner(t, c)));
            }
            Vec3 n = v[1].minus(v[0]).cross(v[2].minus(v[0]));
            double len = n.norm();
            put(b, len > 0 ? n.times(1 / len) : Vec3.ZERO);
            for (Vec3 p : v) {
                put(b, p);
            }
            b.putShort((short) 0);
        }
        out.write(b.array(), 0, b.position());
    }

    /** The point as the file stores it, so that the normal matches the stored corners. */
    private static Vec3 asFloats(Vec3 p) {
        return new Vec3((float) p.x(), (float) p.y(), (float) p.z());
    }

    private static void put(ByteBuffer b, Vec3 v) {
        b.putFloat((float) v.x()).putFloat((float) v.y()).putFloat((float) v.z());
    }
}
