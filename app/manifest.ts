import type { MetadataRoute } from "next";

/** The installable web app (Add to Home Screen): Chinese name first, the brand's teal as theme colour. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "产教桥 EduBridge · 职业教育校企合作供需对接平台",
    short_name: "产教桥",
    description: "按地区、行业和专业对接职业院校与企业：实训基地、岗位实习、学徒岗位、订单班。",
    lang: "zh-CN",
    dir: "ltr",
    id: "/",
    start_url: "/home",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#0b5f59",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icon-maskable.svg", sizes: "any", type: "image/svg+xml", purpose: "maskable" },
    ],
  };
}
