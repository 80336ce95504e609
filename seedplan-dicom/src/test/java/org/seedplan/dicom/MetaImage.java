package org.seedplan.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/** Reads the uncompressed MetaImage (.mha) files plastimatch wrote for the phantom: grid and voxel values. */
public record MetaImage(Grid grid, float[] values) {

    public static MetaImage read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("ElementDataFile = LOCAL\n") + "ElementDataFile = LOCAL\n".length();
        Map<String, String> h = new HashMap<>();
        for (String line : text.substring(0, end).split("\n")) {
            int eq = line.indexOf(" = ");
            if (eq > 0) {
                h.put(line.substring(0, eq), line.substring(eq + 3).trim());
            }
        }
        double[] off = nums(h.get("Offset"));
        double[] sp = nums(h.get("ElementSpacing"));
        double[] dim = nums(h.get("DimSize"));
        Grid g = new Grid(new Vec3(off[0], off[1], off[2]), sp[0], sp[1], sp[2], (int) dim[0], (int) dim[1], (int) dim[2]);
        ByteBuffer b = ByteBuffer.wrap(all, end, all.length - end).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[g.voxelCount()];
        String type = h.get("ElementType");
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (type) {
                case "MET_SHORT" -> b.getShort();
                case "MET_FLOAT" -> b.getFloat();
                case "MET_UCHAR" -> b.get() & 0xFF;
                default -> throw new IllegalArgumentException("unsupported " + type);
            };
        }
        return new MetaImage(g, v);
    }

    private static double[] nums(String s) {
        String[] p = s.trim().split("\\s+");
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = Double.parseDouble(p[i]);
        }
        return d;
    }
}
