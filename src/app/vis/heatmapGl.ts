// WebGL2 heatmap, as h5web draws one: the values in a float texture, the colormap in a
// lookup texture, and the domain as a uniform (one program per scale), so contrast changes never touch pixels.
// Drawn as EXtra-geom's plot_data_fast shows it (front view): row 0 at the bottom, x inverted.
import type { ImageRenderer, ImageStyle } from './renderer';
import { backingSize } from './backingSize';

const VERTEX = `#version 300 es
in vec2 pos;
out vec2 uv;
void main() {
  uv = vec2((1.0 - pos.x) / 2.0, (1.0 + pos.y) / 2.0);
  gl_Position = vec4(pos, 0.0, 1.0);
}`;

/**
 * One program per scale, so that no fragment evaluates the other's arithmetic, and NaN (gaps
 * between tiles, transparent) is a select rather than a branch: on a CPU rasteriser
 * (SwiftShader) branches cost every pixel both ways. `domain` comes already on the scale (log).
 */
function fragment(scale: 'linear' | 'log'): string {
  const x = scale === 'log' ? 'log(max(v, 1e-6))' : 'v';
  return `#version 300 es
precision highp float;
uniform highp sampler2D values;
uniform sampler2D lut;
uniform vec2 domain;
in vec2 uv;
out vec4 color;
void main() {
  float v = texture(values, uv).r;
  float t = (${x} - domain.x) / max(domain.y - domain.x, 1e-12);
  vec4 c = texture(lut, vec2(clamp(t, 0.0, 1.0), 0.5));
  color = isnan(v) ? vec4(0.0) : c;
}`;
}

/** The vertex attribute's location, the same in both programs. */
const POS = 0;

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
  const vertex = compile(gl, gl.VERTEX_SHADER, VERTEX);
  const program = (scale: 'linear' | 'log') => {
    const prog = gl.createProgram()!;
    gl.attachShader(prog, vertex);
    gl.attachShader(prog, compile(gl, gl.FRAGMENT_SHADER, fragment(scale)));
    gl.bindAttribLocation(prog, POS, 'pos');
    gl.linkProgram(prog);
    if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) throw new Error(`program: ${gl.getProgramInfoLog(prog)}`);
    gl.useProgram(prog);
    gl.uniform1i(gl.getUniformLocation(prog, 'values'), 0);
    gl.uniform1i(gl.getUniformLocation(prog, 'lut'), 1);
    return { prog, uDomain: gl.getUniformLocation(prog, 'domain') };
  };
  const programs = { linear: program('linear'), log: program('log') };

  const buf = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, buf);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
  gl.enableVertexAttribArray(POS);
  gl.vertexAttribPointer(POS, 2, gl.FLOAT, false, 0, 0);

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
  let lastLut: Uint8Array | null = null;
  /** The values texture's size (the image's), 0 × 0 before the first image. */
  const image = { width: 0, height: 0 };
  const display = { width: 0, height: 0 };
  let lastStyle: ImageStyle | null = null;

  /**
   * Each drawn pixel costs (SwiftShader, software compositing read back every frame): draw
   * only as many as are shown. The texture keeps every array pixel, sampled nearest.
   */
  const fitCanvas = (size: { width: number; height: number }) => {
    if (canvas.width === size.width && canvas.height === size.height) return;
    canvas.width = size.width;
    canvas.height = size.height;
  };

  const paint = (style: ImageStyle) => {
    if (style.lut !== lastLut) {
      gl.activeTexture(gl.TEXTURE1);
      gl.bindTexture(gl.TEXTURE_2D, lutTex);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 256, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, style.lut);
      lastLut = style.lut;
    }
    gl.viewport(0, 0, canvas.width, canvas.height);
    const { prog, uDomain } = style.log ? programs.log : programs.linear;
    gl.useProgram(prog);
    if (style.log) gl.uniform2f(uDomain, Math.log(Math.max(style.domain[0], 1e-6)), Math.log(Math.max(style.domain[1], 1e-6 * 1.0001)));
    else gl.uniform2f(uDomain, style.domain[0], style.domain[1]);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  };

  return {
    kind: 'webgl',
    setValues(values, width, height) {
      gl.activeTexture(gl.TEXTURE0);
      gl.bindTexture(gl.TEXTURE_2D, valuesTex);
      gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
      if (image.width === width && image.height === height) {
        // Same image size (the next pulse): refill the texture rather than reallocate it
        gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, width, height, gl.RED, gl.FLOAT, values);
        return;
      }
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, width, height, 0, gl.RED, gl.FLOAT, values);
      image.width = width;
      image.height = height;
    },
    setDisplaySize(width, height) {
      display.width = width;
      display.height = height;
    },
    draw(style: ImageStyle) {
      fitCanvas(backingSize(image, display));
      paint(style);
      lastStyle = style;
    },
    async toPng() {
      if (!lastStyle || !image.width) return null;
      // Drawn once at one canvas pixel per array pixel; toBlob copies the pixels at once.
      fitCanvas(image);
      paint(lastStyle);
      const png = new Promise<Blob | null>((res) => canvas.toBlob(res, 'image/png'));
      fitCanvas(backingSize(image, display));
      paint(lastStyle);
      return png;
    },
  };
}
