select
    sha256,
    document_id,
    source_file,
    size_bytes,
    status = 'loaded' as is_loaded
from {{ source('extract', 'files') }}
