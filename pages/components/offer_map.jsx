// The offers of the search page on a Leaflet map: one marker per loaded hit, clustered,
// each with a popup linking to its offer. Markers are divIcons (no image assets) and the
// page keeps working when tiles cannot load (offline, tests).
import L from "leaflet";
import {
  AttributionControl,
  MapContainer,
  Marker,
  Popup,
  TileLayer,
  ZoomControl,
} from "react-leaflet";
import MarkerClusterGroup from "react-leaflet-cluster";
import "leaflet/dist/leaflet.css";
import "react-leaflet-cluster/dist/assets/MarkerCluster.css";

const markerIcon = L.divIcon({
  className: "pc-map-marker",
  html: "<span></span>",
  iconSize: [22, 22],
  iconAnchor: [11, 11],
  popupAnchor: [0, -10],
});

function clusterIcon(cluster) {
  const count = cluster.getChildCount();
  return L.divIcon({
    className: "pc-map-cluster",
    html: `<span>${count}</span>`,
    iconSize: [40, 40],
  });
}

export function OfferMap({ center, zoom, markers, tileUrl, tileAttribution, ...rest }) {
  return (
    <MapContainer
      center={center}
      zoom={zoom}
      zoomControl={false}
      attributionControl={false}
      scrollWheelZoom={false}
      style={{ height: "100%", width: "100%" }}
      {...rest}
    >
      <ZoomControl position="topright" zoomInTitle="Zoomer" zoomOutTitle="Dézoomer" />
      {/* Plain "Leaflet": no flag icon in the prefix */}
      <AttributionControl position="bottomright" prefix="Leaflet" />
      {tileUrl ? <TileLayer url={tileUrl} attribution={tileAttribution} /> : null}
      <MarkerClusterGroup chunkedLoading iconCreateFunction={clusterIcon} showCoverageOnHover={false}>
        {(markers || []).map((marker) => (
          <Marker
            key={marker.id}
            position={[marker.lat, marker.lng]}
            icon={markerIcon}
            title={marker.name}
          >
            <Popup>
              <a href={marker.href} className="pc-map-popup-link">
                {marker.name}
              </a>
              <br />
              {marker.venue}
              {marker.price ? ` · ${marker.price}` : ""}
            </Popup>
          </Marker>
        ))}
      </MarkerClusterGroup>
    </MapContainer>
  );
}
