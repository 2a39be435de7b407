//! Export of claims as JSON Lines, CSV or Parquet, so the ledger feeds DuckDB, Polars, Spark or
//! a spreadsheet.

use crate::{ClaimRow, Ledger, LedgerError};
use arrow_array::{ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use std::io::Write;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Csv,
    Parquet,
}

/// Column names shared by CSV and Parquet.
pub const COLUMNS: [&str; 24] = [
    "claim_id",
    "series_id",
    "doc",
    "outlet",
    "url",
    "published",
    "text",
    "low",
    "high",
    "approx",
    "unit",
    "measure",
    "increment",
    "subject",
    "location",
    "time_start",
    "time_end",
    "stated_start",
    "stated_end",
    "sources",
    "via",
    "unverified",
    "flags",
    "evidence",
];

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn opt_num(x: Option<f64>) -> String {
    x.map(|v| if v.fract() == 0.0 && v.abs() < 9e15 { format!("{}", v as i64) } else { v.to_string() })
        .unwrap_or_default()
}

fn sources_text(c: &ClaimRow) -> String {
    c.source_key.clone()
}

impl Ledger {
    /// Writes claims (all, or one series) to `out` in the chosen format.
    pub fn export(
        &self,
        series: Option<i64>,
        format: ExportFormat,
        out: &mut (dyn Write + Send),
    ) -> Result<usize, LedgerError> {
        let rows = self.claims(series)?;
        let io = |e: std::io::Error| LedgerError::Other {
            path: self.path().to_string(),
            message: format!("writing export: {e}"),
        };
        match format {
            ExportFormat::Jsonl => {
                for r in &rows {
                    serde_json::to_writer(&mut *out, r).map_err(|e| io(e.into()))?;
                    out.write_all(b"\n").map_err(io)?;
                }
            }
            ExportFormat::Csv => {
                writeln!(out, "{}", COLUMNS.join(",")).map_err(io)?;
                for c in &rows {
                    let fields = [
                        c.id.to_string(),
                        c.series_id.to_string(),
                        csv_field(&c.doc),
                        csv_field(c.outlet.as_deref().unwrap_or("")),
                        csv_field(c.url.as_deref().unwrap_or("")),
                        c.published.clone().unwrap_or_default(),
                        csv_field(&c.text),
                        opt_num(c.low),
                        opt_num(c.high),
                        c.approx.to_string(),
                        csv_field(c.unit.as_deref().unwrap_or("")),
                        c.measure.clone(),
                        c.increment.to_string(),
                        csv_field(c.subject.as_deref().unwrap_or("")),
                        csv_field(c.location.as_deref().unwrap_or("")),
                        c.time_start.clone().unwrap_or_default(),
                        c.time_end.clone().unwrap_or_default(),
                        c.stated_start.clone().unwrap_or_default(),
                        c.stated_end.clone().unwrap_or_default(),
                        csv_field(&sources_text(c)),
                        csv_field(c.via.as_deref().unwrap_or("")),
                        c.unverified.to_string(),
                        c.flags.join(" "),
                        csv_field(&c.evidence),
                    ];
                    writeln!(out, "{}", fields.join(",")).map_err(io)?;
                }
            }
            ExportFormat::Parquet => {
                let batch =
                    to_batch(&rows).map_err(|m| LedgerError::Other { path: self.path().to_string(), message: m })?;
                let mut writer =
                    parquet::arrow::ArrowWriter::try_new(&mut *out, batch.schema(), None).map_err(|e| {
                        LedgerError::Other { path: self.path().to_string(), message: format!("parquet: {e}") }
                    })?;
                writer.write(&batch).and_then(|_| writer.close().map(|_| ())).map_err(|e| LedgerError::Other {
                    path: self.path().to_string(),
                    message: format!("parquet: {e}"),
                })?;
            }
        }
        Ok(rows.len())
    }
}

fn to_batch(rows: &[ClaimRow]) -> Result<RecordBatch, String> {
    let s = |f: &dyn Fn(&ClaimRow) -> Option<String>| -> ArrayRef {
        Arc::new(StringArray::from(rows.iter().map(f).collect::<Vec<_>>()))
    };
    let n = |f: &dyn Fn(&ClaimRow) -> Option<f64>| -> ArrayRef {
        Arc::new(Float64Array::from(rows.iter().map(f).collect::<Vec<_>>()))
    };
    let b = |f: &dyn Fn(&ClaimRow) -> bool| -> ArrayRef {
        Arc::new(BooleanArray::from(rows.iter().map(f).collect::<Vec<_>>()))
    };
    let i = |f: &dyn Fn(&ClaimRow) -> i64| -> ArrayRef {
        Arc::new(Int64Array::from(rows.iter().map(f).collect::<Vec<_>>()))
    };
    let columns: Vec<ArrayRef> = vec![
        i(&|c| c.id),
        i(&|c| c.series_id),
        s(&|c| Some(c.doc.clone())),
        s(&|c| c.outlet.clone()),
        s(&|c| c.url.clone()),
        s(&|c| c.published.clone()),
        s(&|c| Some(c.text.clone())),
        n(&|c| c.low),
        n(&|c| c.high),
        b(&|c| c.approx),
        s(&|c| c.unit.clone()),
        s(&|c| Some(c.measure.clone())),
        b(&|c| c.increment),
        s(&|c| c.subject.clone()),
        s(&|c| c.location.clone()),
        s(&|c| c.time_start.clone()),
        s(&|c| c.time_end.clone()),
        s(&|c| c.stated_start.clone()),
        s(&|c| c.stated_end.clone()),
        s(&|c| Some(sources_text(c))),
        s(&|c| c.via.clone()),
        b(&|c| c.unverified),
        s(&|c| Some(c.flags.join(" "))),
        s(&|c| Some(c.evidence.clone())),
    ];
    let fields: Vec<Field> = COLUMNS
        .iter()
        .zip(&columns)
        .map(|(name, col)| Field::new(*name, col.data_type().clone(), !matches!(col.data_type(), DataType::Int64)))
        .collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(|e| e.to_string())
}
