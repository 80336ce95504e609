package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * Pieces of one wire on thick slices are grouped, other thin metal is not ({@link WirePieces}). Pieces are drawn as voxel runs on
 * a grid of 0.8 mm pixels and 5 mm slices, as a 0.8 mm wire rising 5 mm every 11 mm leaves them (docs/seed-finder.md, eleventh
 * round).
 */
class WirePiecesTest {

    private static final Grid GRID = new Grid(new Vec3(0, 0, 0), 0.8, 0.8, 5, 120, 60, 8);

    @Test
    void aStaircaseOfPiecesInNeighbouringSlicesIsOneWire() {
        // Three pieces 11.2 mm long (14 pixels) along x in slices 2, 3 and 4, each starting a pixel after the last ended.
        List<Blob> pieces = List.of(run(10, 24, 30, 2), run(25, 39, 30, 3), run(40, 54, 30, 4));
        assertThat(WirePieces.groups(GRID, pieces)).containsExactly(List.of(0, 1, 2));
        // The merged pieces span 36 mm along x and 10 mm along z: about 37 mm along their principal axis (a uniform bar's
        // extent, sqrt(12) sigma, read from voxel centres: within a pixel and a half).
        assertThat(MetalShape.length(WirePieces.merged(GRID, pieces, new float[GRID.nx() * GRID.ny() * GRID.nz()])))
                .isBetween(35.5, 39.0);
    }

    @Test
    void piecesSideBySideOrAcrossOrApartAreNotJoined() {
        // Two parallel pieces in neighbouring slices beside each other (the step between them across their direction), a piece
        // crossing at right angles, and a piece in line but three slices further (out of reach).
        List<Blob> pieces = List.of(run(10, 24, 20, 2), run(10, 24, 23, 3), cross(40, 10, 25, 3), run(25, 39, 20, 6));
        assertThat(WirePieces.groups(GRID, pieces)).isEmpty();
    }

    @Test
    void aThickPieceIsNoWire() {
        // A bar of 4 x 4 pixels (3.2 x 3.2 mm, 10 mm² in section: over the wire's 8 mm²) beside a thin piece in line with it.
        List<Blob> pieces = List.of(bar(10, 24, 30, 2), run(25, 39, 30, 3));
        assertThat(WirePieces.groups(GRID, pieces)).isEmpty();
    }

    /** A run of pixels along x from i0 to i1 at row j in slice k. */
    private static Blob run(int i0, int i1, int j, int k) {
        List<Integer> v = new ArrayList<>();
        for (int i = i0; i <= i1; i++) {
            v.add(GRID.index(i, j, k));
        }
        return blob(v);
    }

    /** A run of pixels along y from j0 to j1 at column i in slice k. */
    private static Blob cross(int i, int j0, int j1, int k) {
        List<Integer> v = new ArrayList<>();
        for (int j = j0; j <= j1; j++) {
            v.add(GRID.index(i, j, k));
        }
        return blob(v);
    }

    private static Blob bar(int i0, int i1, int j, int k) {
        List<Integer> v = new ArrayList<>();
        for (int i = i0; i <= i1; i++) {
            for (int d = 0; d < 4; d++) {
                v.add(GRID.index(i, j + d, k));
            }
        }
        return blob(v);
    }

    private static Blob blob(List<Integer> voxels) {
        return new Blob(GRID, voxels.stream().mapToInt(Integer::intValue).toArray(), new float[GRID.nx() * GRID.ny() * GRID.nz()]);
    }
}
