// A venue's place on a Leaflet map: one pin the pro drags (or puts down with a click);
// each move calls onMove(latitude, longitude). The map follows `position` when the form
// changes it (a commune chosen, coordinates typed). Same libraries as offer_map.jsx.
import { useEffect } from "react";
import L from "leaflet";
import {
  AttributionControl,
  MapContainer,
  Marker,
  TileLayer,
  ZoomControl,
  useMap,
  useMapEvents,
} from "react-leaflet";
import "leaflet/dist/leaflet.css";

const pinIcon = L.divIcon({
  className: "pc-map-marker",
  html: "<span></span>",
  iconSize: [22, 22],
  iconAnchor: [11, 11],
});

function Follow({ position, onMove }) {
  const map = useMap();
  useEffect(() => {
    map.setView(position, map.getZoom(), { animate: false });
  }, [map, position[0], position[1]]);
  useMapEvents({ click: (event) => onMove(event.latlng.lat, event.latlng.lng) });
  return null;
}

export function PinMap({ position, zoom, onMove, pinTitle, tileUrl, tileAttribution, ...rest }) {
  return (
    <MapContainer
      center={position}
      zoom={zoom}
      zoomControl={false}
      attributionControl={false}
      scrollWheelZoom={false}
      style={{ height: "100%", width: "100%" }}
      {...rest}
    >
      <ZoomControl position="topright" zoomInTitle="Zoomer" zoomOutTitle="Dézoomer" />
      <AttributionControl position="bottomright" prefix="Leaflet" />
      {tileUrl ? <TileLayer url={tileUrl} attribution={tileAttribution} /> : null}
      <Follow position={position} onMove={onMove} />
      <Marker
        position={position}
        icon={pinIcon}
        title={pinTitle}
        alt={pinTitle}
        draggable={true}
        eventHandlers={{
          dragend: (event) => {
            const { lat, lng } = event.target.getLatLng();
            onMove(lat, lng);
          },
        }}
      />
    </MapContainer>
  );
}
