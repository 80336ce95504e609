#!/usr/bin/python3
"""Writes the photon interaction tables of seedplan's Monte Carlo engine (org.seedplan.dose.montecarlo) from xraylib.

Run from the repository root:   /usr/bin/python3 seedplan-core/tools/make-cross-sections.py [OUTPUT_DIR]
(Debian package python3-xraylib). OUTPUT_DIR defaults to
seedplan-core/src/main/resources/org/seedplan/dose/montecarlo. Output is deterministic: the test
CrossSectionTablesRegenerateTest reruns this script and compares byte for byte.

Files written (cm^2/g, keV, x = sin(theta/2)/lambda in 1/Angstrom as xraylib defines it):
  materials.csv        name, nominal density, composition (Z:mass fraction), source of the composition
  cross-sections.csv   per material and energy: photoelectric, coherent, incoherent, mu_en/rho
  scattering.csv       per material and x: molecular F^2(x)/F^2(0) and S(x)/S(inf) (independent-atom sums)
  k-shell.csv          per material, element Z >= 20 and energy: probability that a photoabsorption in the
                       material is a K-shell absorption of that element
  k-lines.csv          per element Z >= 20: K edge, K fluorescence yield, K line energies and relative rates

mu_en/rho is NOT xraylib's CS_Energy (it disagrees with NIST's tables, xraylib issues #176 and #255); it is
computed from xraylib's partial cross sections as Hubbell & Seltzer (NISTIR 5632) define it, without the
(here negligible) bremsstrahlung term:
  mu_en/rho = tau * (1 - X/E) + sigma_incoh * <T>/E
  X   = mean fluorescence energy per photoabsorption (K and L1-L3 shells: shell share x yield x mean line energy)
  <T> = mean kinetic energy given to the electron in incoherent scattering: Klein-Nishina x S(x, Z), integrated
        over the angle.
"""
import functools
import math
import os
import sys

import xraylib as xl

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, '..', 'src', 'main', 'resources', 'org', 'seedplan', 'dose', 'montecarlo')

# name -> (density g/cm3, composition, source). Compositions by name are read from xraylib's NIST compound list
# (GetCompoundDataNISTByName); the others are written here with their citation.
MATERIALS = [
    ('water', 'Water, Liquid', None),
    ('air', 'Air, Dry (near sea level)', None),
    ('lung', 'Lung (ICRP)', None),
    ('adipose', 'Adipose Tissue (ICRP)', None),
    ('soft-tissue', 'Tissue, Soft (ICRP)', None),
    ('bone-cortical', 'Bone, Cortical (ICRP)', None),
    # ICRU Report 46 (1992) adult tissues as tabulated by Woodard & White, Br J Radiol 59:1209 (1986) and used by
    # AAPM TG-186 (Beaulieu et al., Med Phys 39:6208, 2012, Table III); mass fractions in percent.
    # Skeletal muscle is ICRU 46's but not a row of TG-186's Table III.
    ('muscle', None, (1.05, {1: 10.2, 6: 14.3, 7: 3.4, 8: 71.0, 11: 0.1, 15: 0.2, 16: 0.3, 17: 0.1, 19: 0.4},
                      'ICRU 46 / Woodard & White 1986 skeletal muscle')),
    ('liver', None, (1.06, {1: 10.2, 6: 13.9, 7: 3.0, 8: 71.6, 11: 0.2, 15: 0.3, 16: 0.3, 17: 0.2, 19: 0.3},
                     'ICRU 46 / Woodard & White 1986 liver (TG-186 Table III)')),
    # The other rows of TG-186 Table III ("recommended tissue compositions", from Woodard & White 1986 / ICRU 46),
    # the compositions the patient's tissue classes and organ contours are given (org.seedplan.dose.tissue).
    ('mean-male-soft-tissue', None, (1.03, {1: 10.5, 6: 25.6, 7: 2.7, 8: 60.2, 11: 0.1, 15: 0.2, 16: 0.3, 17: 0.2, 19: 0.2},
                                     'ICRU 46 / Woodard & White 1986 mean male soft tissue (TG-186 Table III)')),
    ('mean-female-soft-tissue', None, (1.02, {1: 10.6, 6: 31.5, 7: 2.4, 8: 54.7, 11: 0.1, 15: 0.2, 16: 0.2, 17: 0.1, 19: 0.2},
                                       'ICRU 46 / Woodard & White 1986 mean female soft tissue (TG-186 Table III)')),
    ('prostate', None, (1.04, {1: 10.5, 6: 8.9, 7: 2.5, 8: 77.4, 11: 0.2, 15: 0.1, 16: 0.2, 19: 0.2},
                        'ICRU 46 / Woodard & White 1986 prostate (TG-186 Table III)')),
    ('mean-adipose', None, (0.95, {1: 11.4, 6: 59.8, 7: 0.7, 8: 27.8, 11: 0.1, 16: 0.1, 17: 0.1},
                            'ICRU 46 / Woodard & White 1986 mean adipose tissue (TG-186 Table III)')),
    ('mean-gland', None, (1.02, {1: 10.6, 6: 33.2, 7: 3.0, 8: 52.7, 11: 0.1, 15: 0.1, 16: 0.2, 17: 0.1},
                          'ICRU 46 / Woodard & White 1986 mean (breast) gland (TG-186 Table III)')),
    ('mean-skin', None, (1.09, {1: 10.0, 6: 20.4, 7: 4.2, 8: 64.5, 11: 0.2, 15: 0.1, 16: 0.2, 17: 0.3, 19: 0.1},
                         'ICRU 46 / Woodard & White 1986 mean skin (TG-186 Table III)')),
    ('cortical-bone', None, (1.92, {1: 3.4, 6: 15.5, 7: 4.2, 8: 43.5, 11: 0.1, 12: 0.2, 15: 10.3, 16: 0.3, 20: 22.5},
                             'ICRU 46 / Woodard & White 1986 cortical bone (TG-186 Table III)')),
    ('eye-lens', None, (1.07, {1: 9.6, 6: 19.5, 7: 5.7, 8: 64.6, 11: 0.1, 15: 0.1, 16: 0.3, 17: 0.1},
                        'ICRU 46 / Woodard & White 1986 eye lens (TG-186 Table III)')),
    ('lung-inflated', None, (0.26, {1: 10.3, 6: 10.5, 7: 3.1, 8: 74.9, 11: 0.2, 15: 0.2, 16: 0.3, 17: 0.3, 19: 0.2},
                             'ICRU 46 / Woodard & White 1986 lung, inflated (TG-186 Table III)')),
    ('heart', None, (1.05, {1: 10.4, 6: 13.9, 7: 2.9, 8: 71.8, 11: 0.1, 15: 0.2, 16: 0.2, 17: 0.2, 19: 0.3},
                     'ICRU 46 / Woodard & White 1986 heart (TG-186 Table III)')),
    # Seed and implant metals: pure elements at xraylib's ElementDensity; steel is AISI 304 stainless steel at the
    # middle of its specified ranges (ASTM A240: Cr 18-20 %, Ni 8-10.5 %, Mn <= 2 %), density 8.00 g/cm3.
    ('titanium', None, (None, {22: 100.0}, 'pure titanium (seed capsules)')),
    ('silver', None, (None, {47: 100.0}, 'pure silver (6711 and IAI-125A radio-opaque rod)')),
    ('steel', None, (8.00, {26: 70.0, 24: 19.0, 28: 9.0, 25: 2.0}, 'AISI 304 stainless steel (ASTM A240 ranges)')),
    # Model 6702 carries its I-125 on ion-exchange resin beads: C12H18NCl at 1.2 g/cm3, the resin of the CLRP TG-43
    # database's 6702 model (Safigholi et al., Med Phys 47:4656, 2020; egs_brachy lib/media/material.dat), a
    # styrene-divinylbenzene anion exchanger with its quaternary-ammonium chloride groups; the adsorbed iodine
    # (micrograms) is ignored. A chemical formula is parsed by xraylib's CompoundParser.
    ('resin', None, (1.2, 'C12H18NCl', 'ion-exchange resin C12H18NCl (CLRP 6702 model, Safigholi et al. 2020)')),
    # The 6711 carries its I-125 in a 1.75 um coating of silver bromide and iodide on the silver rod: AgBr:AgI = 2.5:1
    # in molecules (Ag7Br5I2; mass fractions Ag 0.536, Br 0.284, I 0.180) at 6.2 g/cm3, the medium AgBrAgI_6.20 of the
    # CLRP TG-43 database's 6711 model (egs_brachy lib/media/material.dat: "AgBr & AgI in 2.5:1 molecular ratio",
    # elements AG, BR, I with those mass fractions; OncoSeed_6711.geom; Safigholi et al., Med Phys 47:4656, 2020).
    ('silver-halide', None, (6.2, 'Ag7Br5I2', 'AgBr:AgI 2.5:1 coating (CLRP 6711 model medium AgBrAgI_6.20, Safigholi et al. 2020)')),
    # The IAI-125A carries its I-125 in a 1 um silver iodide coating: AgI at 6.003 g/cm3, the medium AgI_6.003 of the
    # CLRP database's IAI-125A model (egs_brachy material.dat: Ag 0.459458, I 0.540542; Advantage_IAI_125A.geom).
    ('silver-iodide', None, (6.003, 'AgI', 'AgI coating (CLRP IAI-125A model medium AgI_6.003, Safigholi et al. 2020)')),
]


def material_rows():
    rows = []
    for name, nist, own in MATERIALS:
        if nist is not None:
            c = xl.GetCompoundDataNISTByName(nist)
            density = c['density']
            comp = {int(z): float(w) for z, w in zip(c['Elements'], c['massFractions'])}
            source = 'xraylib NIST compound list: ' + nist
        else:
            density, percent, source = own
            if isinstance(percent, str):
                c = xl.CompoundParser(percent)
                comp = {int(z): float(w) for z, w in zip(c['Elements'], c['massFractions'])}
            else:
                total = sum(percent.values())
                comp = {z: w / total for z, w in percent.items()}
            if density is None:
                (z,) = comp.keys()
                density = xl.ElementDensity(z)
        rows.append((name, density, dict(sorted(comp.items())), source))
    return rows


def energy_grid(rows):
    """400 log-spaced energies from 1 to 50 keV plus each absorption edge of the elements present (0.01 % below and
    above: xraylib's cross sections jump a few eV from its EdgeEnergy), so that interpolation never straddles an edge."""
    grid = {round(math.exp(math.log(1.0) + i * (math.log(50.0) - math.log(1.0)) / 399), 9) for i in range(400)}
    for z in sorted({z for r in rows for z in r[2]}):
        for shell in (xl.K_SHELL, xl.L1_SHELL, xl.L2_SHELL, xl.L3_SHELL):
            try:
                e = xl.EdgeEnergy(z, shell)
            except ValueError:
                continue
            if 1.0 < e < 50.0:
                grid.add(round(e * (1 - 1e-4), 9))
                grid.add(round(e * (1 + 1e-4), 9))
    return sorted(grid)


@functools.cache
def shell_lines(z, shell):
    """(energy, rate) of the radiative lines that fill a vacancy in this shell, rates normalised to 1 (a tuple: cached)."""
    first = {xl.K_SHELL: (xl.KL1_LINE, xl.KP5_LINE), xl.L1_SHELL: (xl.L1L2_LINE, xl.L1P5_LINE),
             xl.L2_SHELL: (xl.L2L3_LINE, xl.L2Q1_LINE), xl.L3_SHELL: (xl.L3M1_LINE, xl.L3Q1_LINE)}[shell]
    out = []
    for line in range(first[0], first[1] - 1, -1):  # xraylib numbers these lines with negative macros, descending
        try:
            rate = xl.RadRate(z, line)
            energy = xl.LineEnergy(z, line)
        except ValueError:
            continue
        if rate > 0 and energy > 0:
            out.append((energy, rate))
    total = sum(r for _, r in out)
    return tuple((e, r / total) for e, r in out) if total > 0 else ()


def safe(f, *args):
    try:
        return f(*args)
    except ValueError:
        return 0.0


# The two per-element quantities below depend on the element and the energy only, not on the material: cached, each is
# computed once per element and energy instead of once per material holding the element (172 material-element pairs,
# 21 elements; the 401-point integral was nearly all of the script's time). The same calls, so the same bytes.
@functools.cache
def mean_fluorescence_energy(z, e):
    """X(E): mean fluorescence energy emitted per photoabsorption in element z at energy e (keV)."""
    total = safe(xl.CS_Photo, z, e)
    if total <= 0:
        return 0.0
    x = 0.0
    for shell in (xl.K_SHELL, xl.L1_SHELL, xl.L2_SHELL, xl.L3_SHELL):
        part = safe(xl.CS_Photo_Partial, z, shell, e)
        if part <= 0:
            continue
        lines = shell_lines(z, shell)
        x += part / total * safe(xl.FluorYield, z, shell) * sum(le * r for le, r in lines)
    return min(x, e)


@functools.cache
def incoherent_energy_fraction(z, e):
    """<T>/E for incoherent scattering on element z: Klein-Nishina x S(x, z), Simpson's rule in cos(theta)."""
    k = e / 510.99895
    n = 400
    num = den = 0.0
    for i in range(n + 1):
        mu = -1 + 2 * i / n
        w = 1 if i in (0, n) else (4 if i % 2 else 2)
        ratio = 1 / (1 + k * (1 - mu))
        dkn = ratio * ratio * (ratio + 1 / ratio - (1 - mu * mu))
        q = e / xl.KEV2ANGST * math.sqrt((1 - mu) / 2)
        s = xl.SF_Compt(z, q) if q > 0 else 0.0
        num += w * dkn * s * (1 - ratio)
        den += w * dkn * s
    return num / den if den > 0 else 0.0


def fmt(v):
    return '%.6e' % v


def write(path, header, lines):
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        for h in header:
            f.write('# ' + h + '\n')
        for line in lines:
            f.write(line + '\n')


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    os.makedirs(out, exist_ok=True)
    rows = material_rows()
    grid = energy_grid(rows)
    stamp = ['generated by seedplan-core/tools/make-cross-sections.py with xraylib ' + xl.__version__
             + ' (Debian python3-xraylib); do not edit by hand, rerun the script']

    write(os.path.join(out, 'materials.csv'), stamp, ['name,density_g_per_cm3,composition_z_mass_fraction,source'] + [
        '%s,%s,%s,"%s"' % (n, fmt(d), ' '.join('%d:%.6f' % (z, w) for z, w in c.items()), s) for n, d, c, s in rows])

    xs = ['material,energy_keV,photo_cm2_per_g,coherent_cm2_per_g,incoherent_cm2_per_g,mu_en_cm2_per_g']
    kshell = ['material,energy_keV,z,k_shell_probability']
    for n, _, comp, _ in rows:
        for e in grid:
            tau = coh = inc = en = 0.0
            kp = {}
            for z, w in comp.items():
                tz = safe(xl.CS_Photo, z, e)
                iz = safe(xl.CS_Compt, z, e)
                tau += w * tz
                coh += w * safe(xl.CS_Rayl, z, e)
                inc += w * iz
                en += w * (tz * (1 - mean_fluorescence_energy(z, e) / e) + iz * incoherent_energy_fraction(z, e))
                if z >= 20:
                    kp[z] = w * safe(xl.CS_Photo_Partial, z, xl.K_SHELL, e)
            xs.append('%s,%s,%s,%s,%s,%s' % (n, fmt(e), fmt(tau), fmt(coh), fmt(inc), fmt(en)))
            for z, p in kp.items():
                if p > 0:
                    kshell.append('%s,%s,%d,%s' % (n, fmt(e), z, fmt(p / tau)))
    write(os.path.join(out, 'cross-sections.csv'), stamp + ['cross sections per unit mass of the material;'
          ' photo = CS_Photo, coherent = CS_Rayl, incoherent = CS_Compt (mass-fraction sums);'
          ' mu_en computed as the script header says'], xs)
    write(os.path.join(out, 'k-shell.csv'), stamp + ['share of photoabsorptions in the material that are K-shell'
          ' absorptions of element z: w_z * CS_Photo_Partial(z, K) / photo(material)'], kshell)

    sc = ['material,x_per_angstrom,f2_normalised,s_normalised']
    xgrid = [round(0.01 * i, 6) for i in range(501)]
    for n, _, comp, _ in rows:
        atoms = {z: w / xl.AtomicWeight(z) for z, w in comp.items()}
        f0 = sum(a * z * z for z, a in atoms.items())
        s0 = sum(a * z for z, a in atoms.items())
        for x in xgrid:
            f2 = sum(a * xl.FF_Rayl(z, x) ** 2 for z, a in atoms.items()) if x > 0 else f0
            s = sum(a * xl.SF_Compt(z, x) for z, a in atoms.items()) if x > 0 else 0.0
            sc.append('%s,%s,%s,%s' % (n, fmt(x), fmt(f2 / f0), fmt(min(s / s0, 1.0))))
    write(os.path.join(out, 'scattering.csv'), stamp + ['independent-atom sums over the elements weighted by'
          ' atoms per gram: F^2 = sum n_z FF_Rayl(z,x)^2 / sum n_z z^2, S = sum n_z SF_Compt(z,x) / sum n_z z'], sc)

    kl = ['z,k_edge_keV,k_fluorescence_yield,line_energy_keV,line_relative_rate']
    for z in sorted({z for r in rows for z in r[2] if z >= 20}):
        for le, r in shell_lines(z, xl.K_SHELL):
            kl.append('%d,%s,%s,%s,%s' % (z, fmt(xl.EdgeEnergy(z, xl.K_SHELL)), fmt(xl.FluorYield(z, xl.K_SHELL)), fmt(le), fmt(r)))
    write(os.path.join(out, 'k-lines.csv'), stamp + ['K-shell radiative lines: xraylib EdgeEnergy, FluorYield,'
          ' LineEnergy, RadRate (rates normalised to 1 per element)'], kl)


if __name__ == '__main__':
    main()
