/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon and pdfkit reads its font metrics from its own folder: load both
  // from node_modules at run time, never bundle them.
  serverExternalPackages: ["better-sqlite3", "pdfkit", "exceljs"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
