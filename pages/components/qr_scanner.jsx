// The counter's camera: @yudiel/react-qr-scanner decoding through zxing-wasm, whose
// reader is served by the app itself (assets/zxing_reader.wasm, same version as the
// zxing-wasm package pinned in qr_scanner.py) — by default it comes from a CDN, which
// fails silently offline.
import { Scanner, prepareZXingModule } from "@yudiel/react-qr-scanner";

prepareZXingModule({
  overrides: {
    locateFile: (path, prefix) => (path.endsWith(".wasm") ? "/zxing_reader.wasm" : prefix + path),
  },
});

// The library's default asks for ≥ 640 px of height, which many cameras do not give.
const CONSTRAINTS = { facingMode: "environment", width: { ideal: 640 }, height: { ideal: 480 } };

export function QrScanner({ onRead, onFail, ...rest }) {
  return (
    <Scanner
      constraints={CONSTRAINTS}
      formats={["qr_code"]}
      sound={false}
      onScan={(codes) => codes.length && onRead(codes[0].rawValue)}
      onError={(error) => onFail(String((error && error.message) || error))}
      {...rest}
    />
  );
}
