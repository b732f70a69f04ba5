// WebGL2 heatmap, as h5web draws one: the values in a float texture, the colormap in a
// lookup texture, and domain + scale as uniforms, so contrast changes never touch pixels.
// Drawn as EXtra-geom's plot_data_fast shows it (front view): row 0 at the bottom, x inverted.
import type { ImageRenderer, ImageStyle } from './renderer';

const VERTEX = `#version 300 es
in vec2 pos;
out vec2 uv;
void main() {
  uv = vec2((1.0 - pos.x) / 2.0, (1.0 + pos.y) / 2.0);
  gl_Position = vec4(pos, 0.0, 1.0);
}`;

const FRAGMENT = `#version 300 es
precision highp float;
uniform highp sampler2D values;
uniform sampler2D lut;
uniform vec2 domain;
uniform bool logScale;
in vec2 uv;
out vec4 color;
void main() {
  float v = texture(values, uv).r;
  if (isnan(v)) { color = vec4(0.0); return; } // gaps between tiles stay transparent
  float t;
  if (logScale) {
    float lo = log(max(domain.x, 1e-6));
    float hi = log(max(domain.y, 1e-6 * 1.0001));
    t = (log(max(v, 1e-6)) - lo) / max(hi - lo, 1e-12);
  } else {
    t = (v - domain.x) / max(domain.y - domain.x, 1e-12);
  }
  color = texture(lut, vec2(clamp(t, 0.0, 1.0), 0.5));
}`;

function compile(gl: WebGL2RenderingContext, type: number, src: string): WebGLShader {
  const s = gl.createShader(type)!;
  gl.shaderSource(s, src);
  gl.compileShader(s);
  if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`shader: ${gl.getShaderInfoLog(s)}`);
  return s;
}

/** null when the browser has no WebGL2 (the caller then uses the Canvas2D renderer). */
export function createGlRenderer(canvas: HTMLCanvasElement): ImageRenderer | null {
  const gl = canvas.getContext('webgl2', { preserveDrawingBuffer: true, premultipliedAlpha: false });
  if (!gl) return null;
  const prog = gl.createProgram()!;
  gl.attachShader(prog, compile(gl, gl.VERTEX_SHADER, VERTEX));
  gl.attachShader(prog, compile(gl, gl.FRAGMENT_SHADER, FRAGMENT));
  gl.linkProgram(prog);
  if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) throw new Error(`program: ${gl.getProgramInfoLog(prog)}`);
  gl.useProgram(prog);

  const buf = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, buf);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
  const loc = gl.getAttribLocation(prog, 'pos');
  gl.enableVertexAttribArray(loc);
  gl.vertexAttribPointer(loc, 2, gl.FLOAT, false, 0, 0);

  const texture = (unit: number) => {
    const t = gl.createTexture()!;
    gl.activeTexture(gl.TEXTURE0 + unit);
    gl.bindTexture(gl.TEXTURE_2D, t);
    // float textures are not filterable everywhere; pixels should stay crisp anyway
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    return t;
  };
  const valuesTex = texture(0);
  const lutTex = texture(1);
  gl.uniform1i(gl.getUniformLocation(prog, 'values'), 0);
  gl.uniform1i(gl.getUniformLocation(prog, 'lut'), 1);
  const uDomain = gl.getUniformLocation(prog, 'domain');
  const uLog = gl.getUniformLocation(prog, 'logScale');
  let lastLut: Uint8Array | null = null;
  let hasTexture = false;

  return {
    kind: 'webgl',
    setValues(values, width, height) {
      gl.activeTexture(gl.TEXTURE0);
      gl.bindTexture(gl.TEXTURE_2D, valuesTex);
      gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
      if (canvas.width === width && canvas.height === height && hasTexture) {
        // Same image size (the next pulse): refill the texture rather than reallocate it
        gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, width, height, gl.RED, gl.FLOAT, values);
        return;
      }
      canvas.width = width;
      canvas.height = height;
      gl.viewport(0, 0, width, height);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, width, height, 0, gl.RED, gl.FLOAT, values);
      hasTexture = true;
    },
    draw(style: ImageStyle) {
      if (style.lut !== lastLut) {
        gl.activeTexture(gl.TEXTURE1);
        gl.bindTexture(gl.TEXTURE_2D, lutTex);
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 256, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, style.lut);
        lastLut = style.lut;
      }
      gl.uniform2f(uDomain, style.domain[0], style.domain[1]);
      gl.uniform1i(uLog, style.log ? 1 : 0);
      gl.clearColor(0, 0, 0, 0);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    },
  };
}
