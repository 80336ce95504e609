package org.seedplan.stats.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTableReaderTest {

    @TempDir
    Path dir;

    @Test
    void csvWithQuotesSemicolonsBomAndMissingValues() {
        String text = "\uFEFFid;name;age\r\n1;\"Smith; J\";61\r\n2;\"O\"\"Brien\";NA\r\n\r\n3;Lee;\n";
        DataTable t = DataTableReader.readCsv("p.csv", text);
        assertThat(t.columnNames()).containsExactly("id", "name", "age");
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.text("name")).containsExactly("Smith; J", "O\"Brien", "Lee");
        double[] age = t.numeric("age");
        assertThat(age[0]).isEqualTo(61.0);
        assertThat(age[1]).isNaN();
        assertThat(age[2]).isNaN();
        assertThat(t.sourceRow(2)).as("blank line skipped, file row kept").isEqualTo(5);
    }

    @Test
    void errorsNameFileRowColumnValueAndFix() {
        DataTable t = DataTableReader.readCsv("cohort.csv", "id,age\n1,61\n2,sixty\n");
        assertThatThrownBy(() -> t.numeric("age")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cohort.csv row 3 column 'age'").hasMessageContaining("'sixty'")
                .hasMessageContaining("fix:");
        assertThatThrownBy(() -> DataTableReader.readCsv("c.csv", "a,b\n1,2,3\n"))
                .hasMessageContaining("c.csv row 2").hasMessageContaining("3 fields");
        assertThatThrownBy(() -> DataTableReader.readCsv("c.csv", "a,a\n1,2\n")).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> t.numeric("weight")).hasMessageContaining("no column 'weight'");
        assertThatThrownBy(() -> DataTableReader.readCsv("c.csv", "a\n\"open\n")).hasMessageContaining("not closed");
    }

    @Test
    void completeCasesReportDroppedRows() {
        DataTable t = DataTableReader.readCsv("c.csv", "a,b,c\n1,2,x\n,3,y\n4,NA,z\n5,6,\n");
        CompleteCases cc = t.completeCases(List.of("a", "b"));
        assertThat(cc.dropped()).isEqualTo(2);
        assertThat(cc.table().numeric("a")).containsExactly(1, 5);
        assertThat(cc.table().sourceRow(1)).isEqualTo(5);
    }

    @Test
    void levelsFollowRFactorOrder() {
        DataTable t = DataTableReader.readCsv("c.csv", "g,h\n10,b\n9,a\n10,B\n");
        assertThat(t.levels("g")).containsExactly("9", "10");
        assertThat(t.levels("h")).containsExactly("B", "a", "b");
    }

    @Test
    void xlsxCellsAreReadAsExcelShowsThem() throws IOException {
        Path file = dir.resolve("cohort.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet s = wb.createSheet("patients");
            Row h = s.createRow(0);
            h.createCell(0).setCellValue("id");
            h.createCell(1).setCellValue("age");
            h.createCell(2).setCellValue("implant");
            h.createCell(3).setCellValue("alive");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Row r = s.createRow(1);
            r.createCell(0).setCellValue(1);
            r.createCell(1).setCellValue(72.3315);
            r.createCell(2).setCellValue(LocalDate.of(2024, 3, 31));
            r.getCell(2).setCellStyle(date);
            r.createCell(3).setCellValue(true);
            Row r2 = s.createRow(3); // row 3 (Excel row 4); Excel row 3 left empty
            r2.createCell(0).setCellValue(2);
            r2.createCell(1).setCellValue("NA");
            r2.createCell(2).setCellFormula("DATE(2024,4,1)");
            r2.getCell(2).setCellStyle(date);
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            wb.write(out);
        }
        DataTable t = DataTableReader.read(file);
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.text("id")).containsExactly("1", "2");
        assertThat(t.numeric("age")[0]).isEqualTo(72.3315);
        assertThat(t.isMissing(1, "age")).isTrue();
        assertThat(t.dates("implant")).containsExactly(LocalDate.of(2024, 3, 31), LocalDate.of(2024, 4, 1));
        assertThat(t.text("alive")[0]).isEqualTo("TRUE");
        assertThat(t.sourceRow(1)).isEqualTo(4);
        assertThatThrownBy(() -> DataTableReader.read(file, "visits")).hasMessageContaining("no sheet 'visits'");
    }
}
