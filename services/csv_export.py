"""CSV downloads as spreadsheets read them: `;` separated, every text quoted, a BOM first
so that UTF-8 is recognised (pcapi encodes "utf-8-sig"); streamed in chunks of lines."""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

BATCH = 200  # lines per chunk streamed


def csv_chunks(headers: Sequence[str], lines: Iterable[Sequence]) -> Iterator[str]:
    """The header line (with the BOM), then the lines, BATCH at a time. Encode each chunk
    in UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_NONNUMERIC)

    def flush() -> str:
        chunk = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return chunk

    writer.writerow(headers)
    yield "\ufeff" + flush()
    for count, line in enumerate(lines, start=1):
        writer.writerow(line)
        if count % BATCH == 0:
            yield flush()
    if buffer.tell():
        yield flush()
