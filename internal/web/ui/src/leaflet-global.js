// leaflet.markercluster is a UMD script that extends a global L, so Leaflet
// is put on window before it is imported (imports run in order).
import * as Leaflet from 'leaflet';

const L = Object.assign({}, Leaflet);
window.L = L;
export default L;
